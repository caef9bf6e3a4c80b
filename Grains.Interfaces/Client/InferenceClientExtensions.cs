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
    /// <summary>
    /// Waits for the model to be ready, then generates one sequence and returns it whole. When the silo holding the
    /// model is lost the request is sent again (<see cref="SiloFailures"/>): nothing has reached the caller yet.
    /// </summary>
    public static async Task<InferenceResult> CompleteAsync(
        this IGrainFactory grains, string modelId, InferenceRequest request, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The batch grain waits for the model through its model grain when it must (one grain call when it is ready).
                return await ModelGrainReferences.Batch(grains, modelId).CompleteAsync(request, cancellationToken);
            }
            catch (Exception error) when (SiloFailures.ShouldRetry(error, attempt, cancellationToken))
            {
                await Task.Delay(SiloFailures.Delay(attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Waits for the model to be ready, then streams one sequence as its tokens are produced. When the silo holding the
    /// model is lost before the first token the stream is started again (<see cref="SiloFailures"/>); after it, the
    /// failure reaches the caller, who has part of the text.
    /// </summary>
    public static async IAsyncEnumerable<TokenChunk> StreamAsync(
        this IGrainFactory grains,
        string modelId,
        InferenceRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            IAsyncEnumerator<TokenChunk>? chunks = null;
            bool more;
            try
            {
                chunks = ModelGrainReferences.Batch(grains, modelId).StreamAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
                more = await chunks.MoveNextAsync();
            }
            catch (Exception error) when (SiloFailures.ShouldRetry(error, attempt, cancellationToken))
            {
                if (chunks is not null) await DisposeQuietlyAsync(chunks);
                await Task.Delay(SiloFailures.Delay(attempt), cancellationToken);
                continue;
            }
            catch
            {
                if (chunks is not null) await DisposeQuietlyAsync(chunks);
                throw;
            }

            try
            {
                while (more)
                {
                    yield return chunks.Current;
                    more = await chunks.MoveNextAsync();
                }
            }
            finally
            {
                await chunks.DisposeAsync();
            }

            yield break;
        }
    }

    private static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<TokenChunk> chunks)
    {
        try
        {
            await chunks.DisposeAsync();
        }
        catch (Exception)
        {
            // The enumeration is already lost with its silo.
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
