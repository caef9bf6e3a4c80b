using System.Text.Json.Serialization;

namespace Orleans.Inference.Bench.Reporting;

/// <summary>Every figure of one run, with the stable field names of <c>--json</c>.</summary>
internal sealed record RunResult
{
    [JsonPropertyName("scenario")] public required string Scenario { get; init; }
    [JsonPropertyName("config")] public required string Config { get; init; }
    [JsonPropertyName("series")] public required string Series { get; init; }
    [JsonPropertyName("clients")] public int Clients { get; init; }
    [JsonPropertyName("rate")] public double? Rate { get; init; }
    [JsonPropertyName("requests")] public int Requests { get; init; }
    [JsonPropertyName("rps")] public double Rps { get; init; }
    [JsonPropertyName("tokens_per_s")] public double TokensPerS { get; init; }
    [JsonPropertyName("p50_ms")] public double P50Ms { get; init; }
    [JsonPropertyName("p90_ms")] public double P90Ms { get; init; }
    [JsonPropertyName("p99_ms")] public double P99Ms { get; init; }
    [JsonPropertyName("max_ms")] public double MaxMs { get; init; }
    [JsonPropertyName("ttft_p50_ms")] public double? TtftP50Ms { get; init; }
    [JsonPropertyName("ttft_p99_ms")] public double? TtftP99Ms { get; init; }
    /// <summary>p99 of every gap between two chunks of a stream, over all streams.</summary>
    [JsonPropertyName("itl_p99_ms")] public double? ItlP99Ms { get; init; }
    [JsonPropertyName("success_rate")] public double SuccessRate { get; init; }
    /// <summary>Share of the requests refused with 429 (the queue was full): what an overloaded model sheds.</summary>
    [JsonPropertyName("rejected_share")] public double RejectedShare { get; init; }
    /// <summary>How long a refusal took, from when its request was due: shedding is only cheap if it is quick.</summary>
    [JsonPropertyName("rejected_p50_ms")] public double? RejectedP50Ms { get; init; }
    [JsonPropertyName("rejected_p99_ms")] public double? RejectedP99Ms { get; init; }
    [JsonPropertyName("alloc_kb_per_request")] public double? AllocKbPerRequest { get; init; }
    [JsonPropertyName("cpu_ms_per_request")] public double? CpuMsPerRequest { get; init; }
    [JsonPropertyName("alloc_bytes_per_token")] public double? AllocBytesPerToken { get; init; }
    /// <summary>The server's largest working set while the run went on: what "memory stays flat" is read from.</summary>
    [JsonPropertyName("peak_working_set_mb")] public double? PeakWorkingSetMb { get; init; }
    /// <summary>The server's managed heap after its last collection, at the end of the run: what it really holds on to.</summary>
    [JsonPropertyName("gc_heap_mb")] public double? GcHeapMb { get; init; }
    /// <summary>Idle runs only: the server's CPU use with no load, in percent of one core.</summary>
    [JsonPropertyName("idle_cpu_percent")] public double? IdleCpuPercent { get; init; }
    /// <summary>Baseline runs: requests/s as a share of the floor's in the same Bench run (the gateway-overhead goal is at least 0.5).</summary>
    [JsonPropertyName("floor_ratio")] public double? FloorRatio { get; init; }
    /// <summary>Proxy runs: connections the upstream (the Simulator) accepted during the run.</summary>
    [JsonPropertyName("upstream_connections")] public int? UpstreamConnections { get; init; }
    /// <summary>Proxy runs: the most connections the upstream had open at once during the run (its warm-up included).</summary>
    [JsonPropertyName("upstream_peak_connections")] public int? UpstreamPeakConnections { get; init; }
    /// <summary>Proxy runs, the gateway's rows: its figures against YARP's in the same configuration and Bench run.</summary>
    [JsonPropertyName("peer")] public PeerComparison? Peer { get; init; }
    /// <summary>Mean time to first token, for <c>prefix</c> (whose goal is stated on the mean).</summary>
    [JsonPropertyName("ttft_mean_ms")] public double? TtftMeanMs { get; init; }
    /// <summary>Prompt tokens the upstream replicas prefilled (their prefix caches served the rest), for <c>prefix</c>.</summary>
    [JsonPropertyName("computed_prompt_tokens")] public long? ComputedPromptTokens { get; init; }
    /// <summary>The busiest upstream replica's requests over the mean replica's, for <c>prefix</c>.</summary>
    [JsonPropertyName("busiest_replica_load")] public double? BusiestReplicaLoad { get; init; }
    /// <summary>Requests the upstream replicas received (an array batch is one), for <c>prefix</c>.</summary>
    [JsonPropertyName("upstream_requests")] public long? UpstreamRequests { get; init; }
    [JsonPropertyName("errors")] public Dictionary<string, int> Errors { get; init; } = [];
}
