using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Streaming;

/// <summary>The streaming suite on the default transport: a grain method returning <c>IAsyncEnumerable</c>.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class GrainCallTransportTests(ApiHostFactory host) : TokenTransportTests(host);
