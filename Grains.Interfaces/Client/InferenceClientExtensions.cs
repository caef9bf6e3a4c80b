using System.Runtime.CompilerServices;
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

    private static async ValueTask DisposeQuietlyAsync<T>(IAsyncEnumerator<T> items)
    {
        try
        {
            await items.DisposeAsync();
        }
        catch (Exception)
        {
            // The enumeration is already lost with its silo.
        }
    }

    /// <summary>
    /// Watches a model's lifecycle as <c>kubectl get -w</c> does: its status now, then every progress report and state
    /// change, until cancelled. The watch outlives the model grain's activation: when the grain moves or its silo goes,
    /// the watch opens again on the next activation (which loads the model there if it should be loaded) and goes on,
    /// so a watcher sees the model leave one silo and come up on another. Throws <see cref="ModelNotFoundException"/>
    /// for an id the catalog does not have.
    /// </summary>
    public static async IAsyncEnumerable<ModelStatus> WatchModelAsync(
        this IGrainFactory grains, string modelId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long? last = null;
        for (var failures = 0; ; )
        {
            var statuses = grains.GetGrain<IModelGrain>(modelId).WatchAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await statuses.MoveNextAsync()) break;
                    }
                    catch (Exception error) when (!cancellationToken.IsCancellationRequested && SiloFailures.IsSiloLost(error))
                    {
                        failures++;
                        break;
                    }

                    failures = 0;
                    // Opened again on the same activation, the watch starts with the status already seen.
                    if (statuses.Current.Sequence == last) continue;
                    last = statuses.Current.Sequence;
                    yield return statuses.Current;
                }
            }
            finally
            {
                await DisposeQuietlyAsync(statuses);
            }

            // A lost silo takes membership a few seconds to declare dead: wait as requests do rather than spin meanwhile.
            if (failures > 0) await Task.Delay(SiloFailures.Delay(Math.Min(failures, SiloFailures.Retries)), cancellationToken);
        }
    }

    /// <summary>Convenience overload: complete a plain prompt.</summary>
    public static Task<InferenceResult> CompleteAsync(
        this IGrainFactory grains, string modelId, string prompt, int maxTokens = 16, CancellationToken cancellationToken = default) =>
        grains.CompleteAsync(modelId, new InferenceRequest(prompt, new SamplingParameters(maxTokens)), cancellationToken);
}
