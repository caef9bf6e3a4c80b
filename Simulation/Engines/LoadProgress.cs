namespace Orleans.Inference.Engines;

/// <summary>How far a load has come.</summary>
/// <param name="Percent">0 to 100.</param>
/// <param name="Stage">What the load is doing, for people.</param>
/// <param name="Remaining">The backend's estimate of what is left.</param>
public readonly record struct LoadProgress(int Percent, string Stage, TimeSpan? Remaining);
