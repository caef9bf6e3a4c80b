using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Inference.Samples.ClientService;

// Connects to a running cluster as an Orleans client, follows a model's load, completes a prompt and streams one.
//   dotnet run --project Samples/ClientService -- --Model sim-small --Prompt "Tell me about Orleans"
//   add --Orleans:Membership:Redis 127.0.0.1:6379 --Orleans:ClusterId <id> for a Redis cluster (scripts/cluster.sh)
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleansClient(client => client.UseGatewayCluster(builder.Configuration));
using var host = builder.Build();
await host.StartAsync();

var model = builder.Configuration["Model"] ?? "sim-small";
var prompt = builder.Configuration["Prompt"] ?? "Tell me about virtual actors.";
var maxTokens = builder.Configuration.GetValue("MaxTokens", 16);
using var timeout = new CancellationTokenSource(builder.Configuration.GetValue("Timeout", TimeSpan.FromMinutes(2)));
var demo = new InferenceDemo(host.Services.GetRequiredService<IClusterClient>(), Console.Out);

var ready = await demo.FollowLoadAsync(model, timeout.Token);
if (ready)
{
    await demo.CompleteAsync(model, prompt, maxTokens, timeout.Token);
    await demo.StreamAsync(model, prompt, maxTokens, timeout.Token);
}

await host.StopAsync();
return ready ? 0 : 1;
