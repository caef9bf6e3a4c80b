namespace Orleans.Inference.Batching;

/// <summary>The compatibility key of a batch being filled, once its first sequence has set it (a key may itself be null).</summary>
internal readonly record struct BatchKey(object? Value)
{
    public bool IsSet { get; } = true;
}
