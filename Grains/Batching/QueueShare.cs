namespace Orleans.Inference.Batching;

/// <summary>A tenant's place in a model's queue: the sequences it has waiting, and its fair share of the queue (0 to 1).</summary>
internal readonly record struct QueueShare(int Waiting, double Fraction)
{
    /// <summary>
    /// How many sequences of the whole queue drain before this tenant's next one would run, with every tenant taking its
    /// share: its own backlog over its share. A lone tenant's is its backlog.
    /// </summary>
    public int Position => (int)Math.Ceiling(Waiting / Fraction);
}
