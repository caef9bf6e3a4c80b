namespace Orleans.Inference.Simulator.Chat;

/// <summary>What a chunk adds to the reply.</summary>
public sealed record ChatDelta(string? Role = null, string? Content = null);
