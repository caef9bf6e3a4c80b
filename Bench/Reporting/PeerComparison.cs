using System.Text.Json.Serialization;

namespace Orleans.Inference.Bench.Reporting;

/// <summary>The gateway against the YARP peer in one configuration of the <c>proxy</c> scenario, from the same Bench run.</summary>
/// <param name="RpsRatio">The gateway's requests/s over YARP's (goals: 1.0 for chat at 64 clients, 2.0 for array-batched completions).</param>
/// <param name="CpuRatio">The gateway's CPU per request over YARP's (goal: at most 1.3).</param>
/// <param name="TtftDeltaMs">Streams: the gateway's time to first token p50 less YARP's (goal: at most 0.3 ms).</param>
/// <param name="PeerRps">YARP's requests/s.</param>
internal sealed record PeerComparison(
    [property: JsonPropertyName("rps_ratio")] double RpsRatio,
    [property: JsonPropertyName("cpu_ratio")] double? CpuRatio,
    [property: JsonPropertyName("ttft_p50_delta_ms")] double? TtftDeltaMs,
    [property: JsonPropertyName("peer_rps")] double PeerRps)
{
    public static PeerComparison Of(RunResult ours, RunResult peer) => new(
        peer.Rps > 0 ? ours.Rps / peer.Rps : 0,
        ours.CpuMsPerRequest is { } cpu && peer.CpuMsPerRequest is { } peerCpu && peerCpu > 0 ? cpu / peerCpu : null,
        ours.TtftP50Ms - peer.TtftP50Ms,
        peer.Rps);
}
