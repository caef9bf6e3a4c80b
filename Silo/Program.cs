using Orleans.Inference.Hosting;
using Orleans.Inference.Telemetry;

// A compute-only silo: it runs grains and batches for the ApiHosts of its cluster but serves no HTTP.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddInferenceTracing(builder.Configuration);

builder.UseOrleans(silo => silo
    .UseInferenceClustering()
    .AddInference());

builder.Build().Run();
