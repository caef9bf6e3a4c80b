namespace Orleans.Inference.Models;

/// <summary>A model spec that cannot work; the message says every problem.</summary>
[GenerateSerializer, Alias("models.invalid")]
public sealed class InvalidModelException(string message) : Exception(message);
