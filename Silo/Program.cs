using Orleans.Inference.Hosting;
using Orleans.Inference.Silo.Hosting;
using Orleans.Inference.Telemetry;

// A compute-only silo: it runs grains and batches for the ApiHosts of its cluster. Its small HTTP listener (Urls, by
// default http://127.0.0.1:9464) serves only what operators watch it by: /metrics and /health/live, /health/ready.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInferenceTracing(builder.Configuration);
builder.Services.AddInferenceMetrics(builder.Configuration);
builder.Services.AddSiloHealth();

builder.UseOrleans(silo => silo
    .UseInferenceClustering()
    .AddInference());

var app = builder.Build();

app.MapInferenceMetrics();
app.MapSiloHealth();

app.Run();
