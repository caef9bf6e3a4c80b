using OpenTelemetry.Trace;

namespace Orleans.Inference.Telemetry;

/// <summary>
/// Orleans files every grain interface in an <c>Orleans.*</c> namespace under its runtime source, ours included, so that
/// source must be on; this keeps its own chatter out (membership pings, load statistics, timer ticks: new traces every
/// second) by dropping root spans of grain calls on interfaces that are not ours. Everything else goes to
/// <paramref name="inner"/>.
/// </summary>
internal sealed class GrainCallSampler(Sampler inner) : Sampler
{
    private static readonly HashSet<string> Ours = [.. OurGrainInterfaces()];

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.ParentContext.TraceId == default && IsForeignGrainCall(samplingParameters.Name))
            return new SamplingResult(SamplingDecision.Drop);
        return inner.ShouldSample(samplingParameters);
    }

    /// <summary>Orleans names a grain call's span <c>IInterface/Method</c>.</summary>
    private static bool IsForeignGrainCall(string name)
    {
        var slash = name.IndexOf('/');
        return slash > 0 && name[0] == 'I' && !Ours.Contains(name[..slash]);
    }

    private static IEnumerable<string> OurGrainInterfaces() =>
        new[] { typeof(Models.IModelGrain).Assembly, typeof(GrainCallSampler).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsInterface && typeof(IAddressable).IsAssignableFrom(type))
            .Select(type => type.Name);
}
