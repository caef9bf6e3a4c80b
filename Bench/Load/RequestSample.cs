namespace Orleans.Inference.Bench.Load;

/// <summary>What one request measured. Times in milliseconds; NaN where it does not apply.</summary>
internal readonly record struct RequestSample(int Status, double LatencyMs, double TtftMs, double MaxItlMs, int Tokens);
