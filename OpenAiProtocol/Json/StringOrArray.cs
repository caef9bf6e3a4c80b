using System.Text.Json.Serialization;

namespace Orleans.Inference.OpenAiProtocol.Json;

/// <summary>A field OpenAI accepts as either a string or an array of strings (<c>prompt</c>, <c>stop</c>).</summary>
[JsonConverter(typeof(StringOrArrayConverter))]
public sealed class StringOrArray(string[] values, bool wasArray)
{
    /// <summary>The strings; one when the client sent a plain string.</summary>
    public string[] Values { get; } = values;

    /// <summary>True when the client sent an array.</summary>
    public bool WasArray { get; } = wasArray;
}
