using Orleans.Inference.Simulator.Chat;
using Orleans.Inference.Simulator.Completions;
using Orleans.Inference.Simulator.Engine;
using Orleans.Inference.Simulator.Faults;
using Orleans.Inference.Simulator.Models;
using Orleans.Inference.Simulator.Requests;
using Orleans.Inference.Simulator.Stats;

// An out-of-process OpenAI-compatible server on the gateway's simulated engine: a stand-in for vLLM in tests and benches.
// Settings come from beside the binary, wherever it is started from (tests start it as `dotnet <dll>`).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.Services.AddSimulatedModels();
builder.Services.AddStats();
builder.Services.AddFaults();
builder.Services.AddGenerationGate();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.UseFaultKeepAlive();
    kestrel.ConfigureEndpointDefaults(listen => listen.UseConnectionStats().UseServingThreads());
});

var app = builder.Build();

app.UseConnectionFaults();
app.MapModels();
app.MapCompletions();
app.MapChat();
app.MapStats();
app.MapFaults();
app.MapProps();

app.Run();
