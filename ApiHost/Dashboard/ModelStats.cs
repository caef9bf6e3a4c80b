namespace Orleans.Inference.ApiHost.Dashboard;

/// <summary>One model's last seconds, oldest first, one entry a second.</summary>
/// <param name="Id">The model id.</param>
/// <param name="RequestsPerSecond">Generation requests that ended in the second, whatever their outcome.</param>
/// <param name="P99LatencyMs">99th percentile of their duration, arrival to end; null in a second without requests.</param>
/// <param name="MeanBatchSize">Mean size of the batches sent in the second; null if none was.</param>
/// <param name="QueueLength">Most requests waiting for a batch at once during the second.</param>
public sealed record ModelStats(string Id, long[] RequestsPerSecond, double?[] P99LatencyMs, double?[] MeanBatchSize, int[] QueueLength);
