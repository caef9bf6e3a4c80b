using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Streaming;

/// <summary>The streaming suite on Orleans streams: one memory stream per request.</summary>
[Collection(OrleansStreamsApiHostCollection.Name)]
public sealed class OrleansStreamsTransportTests(OrleansStreamsApiHostFactory host) : TokenTransportTests(host);
