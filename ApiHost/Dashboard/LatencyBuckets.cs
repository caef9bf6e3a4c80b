namespace Orleans.Inference.ApiHost.Dashboard;

/// <summary>
/// Log-scale latency buckets, four per doubling (each about 19 % wider than the one before) from 0.05 ms to about
/// 12 minutes: recording costs a logarithm and an increment instead of keeping samples, and a percentile read from them
/// is off by at most one bucket's width.
/// </summary>
internal static class LatencyBuckets
{
    public const int Count = 96;

    private const double Smallest = 0.05;
    private const int PerDoubling = 4;

    /// <summary>The bucket whose upper bound is the first at or above <paramref name="milliseconds"/>; the last takes the rest.</summary>
    public static int Index(double milliseconds) => milliseconds <= Smallest
        ? 0
        : Math.Min(Count - 1, (int)Math.Ceiling(PerDoubling * Math.Log2(milliseconds / Smallest)));

    public static double UpperBound(int index) => Smallest * Math.Pow(2, (double)index / PerDoubling);
}
