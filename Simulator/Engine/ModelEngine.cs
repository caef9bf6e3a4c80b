using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orleans.Inference.Backends.Simulated;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;
using Orleans.Inference.Simulation;
using Orleans.Inference.Simulator.Stats;

namespace Orleans.Inference.Simulator.Engine;

/// <summary>
/// One model's simulated engine, shared by every request for the model, so concurrent requests share its accelerator.
/// Each request is one batch (one sequence per prompt), run by the same engine the gateway runs in process.
/// </summary>
internal sealed class ModelEngine(string id, SimulationOptions options, SimulatorStats stats, TimeProvider time)
{
    private static readonly UnboundedChannelOptions MergedOptions = new() { SingleReader = true };

    private readonly SimulatedEngine _engine = new(options, time);

    public string Id { get; } = id;

    /// <summary>Prompt tokens whose prefill the prefix cache saved.</summary>
    public long CachedPromptTokens => _engine.CachedPromptTokens;

    /// <summary>Prompt tokens prefilled.</summary>
    public long ComputedPromptTokens => _engine.ComputedPromptTokens;

    public Task LoadAsync(CancellationToken cancellationToken) =>
        _engine.LoadAsync(progress: null, cancellationToken);

    /// <summary>Generates every prompt whole. Throws when the client has gone, or a sequence failed.</summary>
    public async Task<InferenceResult[]> CompleteAsync(InferenceRequest[] requests, CancellationToken aborted)
    {
        var sequences = Array.ConvertAll(requests, request => BatchSequence.ForResult(request, aborted));
        await RunAsync(sequences);
        stats.SequencesCancelled(sequences.Count(sequence => sequence.Result.IsCanceled));
        aborted.ThrowIfCancellationRequested();
        return await Task.WhenAll(sequences.Select(sequence => sequence.Result));
    }

    /// <summary>
    /// Streams every prompt's chunks, interleaved as the engine produces them. When the reader stops early (the client
    /// left, or the stream was cut), the rest of the batch is abandoned: the engine drops it at its next step.
    /// </summary>
    public async IAsyncEnumerable<EngineChunk> StreamAsync(InferenceRequest[] requests, [EnumeratorCancellation] CancellationToken aborted)
    {
        var sequences = Array.ConvertAll(requests, request => BatchSequence.ForStream(request, aborted));
        var merged = Channel.CreateUnbounded<EngineChunk>(MergedOptions);
        var run = RunAsync(sequences);
        var pumps = new Task[sequences.Length];
        for (var i = 0; i < sequences.Length; i++) pumps[i] = PumpAsync(sequences[i], i, merged.Writer);
        var drained = CompleteWhenDrainedAsync(pumps, merged.Writer);
        try
        {
            await foreach (var chunk in merged.Reader.ReadAllAsync(aborted)) yield return chunk;
        }
        finally
        {
            foreach (var sequence in sequences) sequence.Abandon();
            await run;
            await drained;
        }
    }

    private async Task RunAsync(BatchSequence[] sequences)
    {
        stats.BatchStarted(sequences.Length);
        try
        {
            // Not the request's token: a client that leaves cancels its own sequences, which the engine drops at its next step.
            await _engine.RunBatchAsync(sequences, CancellationToken.None);
        }
        catch (Exception error)
        {
            // An engine fault must still end every sequence, or its reader would wait forever.
            foreach (var sequence in sequences) sequence.Fail(error);
        }
    }

    /// <summary>Reads one sequence to its end, even after the client has gone, so that its cancellation is counted.</summary>
    private async Task PumpAsync(BatchSequence sequence, int index, ChannelWriter<EngineChunk> merged)
    {
        while (await sequence.WaitToTakeAsync(CancellationToken.None))
        {
            while (sequence.TryTake(out var chunk))
            {
                if (chunk.FinishReason == FinishReason.Cancelled)
                {
                    stats.SequencesCancelled(1);
                    continue;
                }

                merged.TryWrite(new EngineChunk(index, sequence.PromptTokens, chunk));
            }
        }
    }

    private static async Task CompleteWhenDrainedAsync(Task[] pumps, ChannelWriter<EngineChunk> merged)
    {
        try
        {
            await Task.WhenAll(pumps);
            merged.TryComplete();
        }
        catch (Exception error)
        {
            // A failed sequence fails the response: the writer reports it as an error event.
            merged.TryComplete(error);
        }
    }
}
