using Orleans.Inference.ApiHost.Admin;
using Orleans.Inference.ApiHost.Auth;
using Orleans.Inference.ApiHost.Catalog;
using Orleans.Inference.ApiHost.ChatCompletions;
using Orleans.Inference.ApiHost.Completions;
using Orleans.Inference.ApiHost.Dashboard;
using Orleans.Inference.ApiHost.Errors;
using Orleans.Inference.ApiHost.Health;
using Orleans.Inference.ApiHost.Hosting;
using Orleans.Inference.ApiHost.Limits;
using Orleans.Inference.ApiHost.Requests;

var builder = WebApplication.CreateBuilder(args);

builder.AddOrleansMember();
builder.AddGatewayAuth();
builder.Services.AddOpenAiApi();
builder.Services.AddRequestLimits();
builder.Services.AddGatewaySwagger();
builder.Services.AddGatewayMetrics(builder.Configuration);
builder.AddGatewayTracing();
builder.Services.AddGatewayHealth();
builder.Services.AddAdminModels();
builder.Services.AddDashboard();
builder.Services.AddGatewayConcurrencyLimit();

var app = builder.Build();

app.UseRequestIds();
app.UseGatewayRequestMetrics();
app.UseExceptionHandler();
app.UseOpenAiStatusCodeErrors();
app.UseGatewayConcurrencyLimit();
app.UseGatewaySwagger();
app.UseGatewayAuth();

app.MapCompletions();
app.MapChatCompletions();
app.MapModels();
app.MapAdminModels();
app.MapGatewayMetrics();
app.MapHealth();
app.MapDashboard();

app.Run();

/// <summary>The ApiHost's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
