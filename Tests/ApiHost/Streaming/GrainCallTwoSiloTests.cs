using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Streaming;

/// <summary>The two-silo suite on the GrainCall transport.</summary>
[Collection(GrainCallTwoSiloCollection.Name)]
public sealed class GrainCallTwoSiloTests(GrainCallTwoSiloFactory host) : TwoSiloTransportTests(host);
