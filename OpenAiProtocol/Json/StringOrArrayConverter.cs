using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Inference.OpenAiProtocol.Json;

/// <summary>Reads a string or an array of strings; anything else (token ids, objects) is a client error.</summary>
internal sealed class StringOrArrayConverter : JsonConverter<StringOrArray>
{
    public override StringOrArray? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new StringOrArray([reader.GetString()!], wasArray: false);
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("must be a string or an array of strings");

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("must be a string or an array of strings (token ids are not supported)");
            values.Add(reader.GetString()!);
        }

        return new StringOrArray([.. values], wasArray: true);
    }

    public override void Write(Utf8JsonWriter writer, StringOrArray value, JsonSerializerOptions options)
    {
        if (!value.WasArray && value.Values.Length == 1)
        {
            writer.WriteStringValue(value.Values[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value.Values) writer.WriteStringValue(item);
        writer.WriteEndArray();
    }
}
