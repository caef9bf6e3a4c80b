namespace Orleans.Inference.Simulator.Engine;

/// <summary>
/// Loads every model before the server listens, as vLLM does (charging each model's <c>LoadSeconds</c>), and says
/// plainly that this server is a simulation.
/// </summary>
internal sealed partial class ModelLoader(SimulatedModels models, ILogger<ModelLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(models.All.Select(engine => engine.LoadAsync(cancellationToken)));
        LogSimulation(logger, string.Join(", ", models.All.Select(engine => engine.Id)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "This is a SIMULATED OpenAI-compatible server: models {Models} answer with deterministic pseudo-text at a simulated accelerator's pace, not a real model's output")]
    private static partial void LogSimulation(ILogger logger, string models);
}
