using System.Runtime.CompilerServices;
using Orleans.Inference.Batching;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;

namespace Orleans.Inference.Client;

/// <summary>
/// The typed client for .NET services: complete or stream a prompt with grain calls alone.
/// Works on any <see cref="IGrainFactory"/>, so on an <c>IClusterClient</c> and inside grains.
/// </summary>
public static class InferenceClientExtensions
{
    /// <summary>Waits for the model to be ready, then generates one sequence and returns it whole.</summary>
    public static async Task<InferenceResult> CompleteAsync(
        this IGrainFactory grains, string modelId, InferenceRequest request, CancellationToken cancellationToken = default)
    {
        await grains.GetGrain<IModelGrain>(modelId).EnsureReadyAsync(cancellationToken);
        return await grains.GetGrain<IBatchGrain>(modelId).CompleteAsync(request, cancellationToken);
    }

    /// <summary>Waits for the model to be ready, then streams one sequence as its tokens are produced.</summary>
    public static async IAsyncEnumerable<TokenChunk> StreamAsync(
        this IGrainFactory grains,
        string modelId,
        InferenceRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await grains.GetGrain<IModelGrain>(modelId).EnsureReadyAsync(cancellationToken);
        await foreach (var chunk in grains.GetGrain<IBatchGrain>(modelId).StreamAsync(request, cancellationToken)
            .WithCancellation(cancellationToken))
        {
            yield return chunk;
        }
    }

    /// <summary>Streams a model's lifecycle: its status now, then every progress report and state change.</summary>
    public static IAsyncEnumerable<ModelStatus> WatchModelAsync(
        this IGrainFactory grains, string modelId, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IModelGrain>(modelId).WatchAsync(cancellationToken);

    /// <summary>Convenience overload: complete a plain prompt.</summary>
    public static Task<InferenceResult> CompleteAsync(
        this IGrainFactory grains, string modelId, string prompt, int maxTokens = 16, CancellationToken cancellationToken = default) =>
        grains.CompleteAsync(modelId, new InferenceRequest(prompt, new SamplingParameters(maxTokens)), cancellationToken);
}
