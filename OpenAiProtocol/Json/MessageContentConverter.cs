using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Inference.OpenAiProtocol.Json;

/// <summary>Reads <c>"content": "..."</c> or <c>"content": [{"type":"text","text":"..."}]</c>; other part types are refused.</summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new MessageContent(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("must be a string or an array of content parts");

        var text = new StringBuilder();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("each content part must be an object");
            string? type = null, partText = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "type" && reader.TokenType == JsonTokenType.String) type = reader.GetString();
                else if (name == "text" && reader.TokenType == JsonTokenType.String) partText = reader.GetString();
                else reader.Skip();
            }

            if (type != "text" || partText is null) throw new JsonException($"content parts of type '{type}' are not supported; only 'text'");
            text.Append(partText);
        }

        return new MessageContent(text.ToString());
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Text);
}
