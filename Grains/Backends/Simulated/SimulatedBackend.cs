using Orleans.Inference.Engines;
using Orleans.Inference.Generation;
using Orleans.Inference.Simulation;

namespace Orleans.Inference.Backends.Simulated;

/// <summary>
/// The simulated engine as the gateway's in-process backend: one accelerator per model, charging the cost model of
/// <see cref="SimulationOptions"/>. It is a simulation, not a model: its text is deterministic pseudo-text.
/// </summary>
internal sealed class SimulatedBackend(SimulationOptions options, TimeProvider time) : IInferenceBackend
{
    private readonly SimulatedEngine _engine = new(options, time);

    /// <summary>Forward passes (prefill and decode steps) run so far, for tests and diagnostics.</summary>
    public long Steps => _engine.Steps;

    /// <summary>Timed waits the engine has begun, so a test can advance a fake clock in step with it.</summary>
    public long Waits => _engine.Waits;

    public Task LoadAsync(IProgress<LoadProgress> progress, CancellationToken cancellationToken) => _engine.LoadAsync(progress, cancellationToken);

    public Task UnloadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The simulated engine samples per sequence, so any requests can share a batch.</summary>
    public object? BatchKey(InferenceRequest request) => null;

    /// <summary>Never: the engine runs a whole batch in each step, so sequences gain from sharing one.</summary>
    public bool RunsAlone(InferenceRequest request) => false;

    public Task RunBatchAsync(IReadOnlyList<BatchSequence> batch, CancellationToken cancellationToken) => _engine.RunBatchAsync(batch, cancellationToken);
}
