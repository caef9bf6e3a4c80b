using Orleans.Inference.Client;
using Orleans.Inference.Generation;

namespace Orleans.Inference.ApiHost.Streaming;

/// <summary>Tokens as the results of a grain method returning <see cref="IAsyncEnumerable{T}"/>: microseconds when co-hosted.</summary>
internal sealed class GrainCallTokenTransport(IGrainFactory grains) : ITokenTransport
{
    public IAsyncEnumerable<TokenChunk> StreamAsync(string modelId, InferenceRequest request, CancellationToken cancellationToken) =>
        grains.StreamAsync(modelId, request, cancellationToken);
}
