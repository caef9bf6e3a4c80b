namespace Orleans.Inference.Generation;

/// <summary>The backend failed to generate a sequence; other sequences of its batch are not affected.</summary>
[GenerateSerializer, Alias("generation.backend-failed")]
public sealed class BackendException(string message) : Exception(message);
