using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Streaming;

/// <summary>The two-silo suite on the OrleansStreams transport.</summary>
[Collection(OrleansStreamsTwoSiloCollection.Name)]
public sealed class OrleansStreamsTwoSiloTests(OrleansStreamsTwoSiloFactory host) : TwoSiloTransportTests(host);
