namespace Orleans.Inference.Backends.Http;

/// <summary>One replica of an HTTP backend endpoint as this process sees it.</summary>
/// <param name="Endpoint">The endpoint's name (section <c>Inference:Backends</c>).</param>
/// <param name="Replica">The replica's base URL.</param>
/// <param name="Breaker">Its circuit breaker: <c>closed</c> (in use), <c>half-open</c> (one probe allowed) or <c>open</c> (out).</param>
/// <param name="Outstanding">Requests in flight on it from this process.</param>
public sealed record ReplicaStatus(string Endpoint, string Replica, string Breaker, int Outstanding);
