using System.Buffers;
using System.Text.Json;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Backends.Http.Json;

/// <summary>
/// Request bodies in OpenAI's shape, written once per request (not per attempt) so a retry resends the same bytes.
/// Sequences of one array batch share their sampling parameters (the backend's batch key says so).
/// </summary>
internal static class RequestBodies
{
    /// <summary>A completion: <c>prompt</c> a string for one sequence, an array for a batch.</summary>
    public static byte[] Completion(string model, IReadOnlyList<BatchSequence> batch, bool stream, bool continuousUsage) =>
        Write(writer =>
        {
            writer.WriteString("model"u8, model);
            if (batch.Count == 1)
            {
                writer.WriteString("prompt"u8, batch[0].Request.Prompt);
            }
            else
            {
                writer.WriteStartArray("prompt"u8);
                foreach (var sequence in batch) writer.WriteStringValue(sequence.Request.Prompt);
                writer.WriteEndArray();
            }

            WriteSampling(writer, batch[0].Request, stream, continuousUsage);
        });

    /// <summary>A chat completion of one sequence, with its messages as the client sent them.</summary>
    public static byte[] Chat(string model, InferenceRequest request, bool stream, bool continuousUsage) =>
        Write(writer =>
        {
            writer.WriteString("model"u8, model);
            writer.WriteStartArray("messages"u8);
            foreach (var message in request.Messages ?? [])
            {
                writer.WriteStartObject();
                writer.WriteString("role"u8, message.Role);
                writer.WriteString("content"u8, message.Content);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteSampling(writer, request, stream, continuousUsage);
        });

    private static void WriteSampling(Utf8JsonWriter writer, InferenceRequest request, bool stream, bool continuousUsage)
    {
        var sampling = request.Sampling;
        writer.WriteNumber("max_tokens"u8, sampling.MaxTokens);
        if (sampling.Temperature is { } temperature) writer.WriteNumber("temperature"u8, temperature);
        if (sampling.TopP is { } topP) writer.WriteNumber("top_p"u8, topP);
        if (sampling.Seed is { } seed) writer.WriteNumber("seed"u8, seed);
        if (sampling.Stop is { Length: > 0 } stops)
        {
            writer.WriteStartArray("stop"u8);
            foreach (var stop in stops) writer.WriteStringValue(stop);
            writer.WriteEndArray();
        }

        if (request.User is { } user) writer.WriteString("user"u8, user);
        if (!stream) return;
        writer.WriteBoolean("stream"u8, true);
        writer.WriteStartObject("stream_options"u8);
        writer.WriteBoolean("include_usage"u8, true);
        if (continuousUsage) writer.WriteBoolean("continuous_usage_stats"u8, true);
        writer.WriteEndObject();
    }

    /// <summary>Each thread's buffer and writer, reset for every body: only the body's own bytes are allocated per request.</summary>
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? t_writing;

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var (buffer, writer) = t_writing ??= Create();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        // A rare huge body (a long prompt array) is not kept for the thread's lifetime.
        if (buffer.Capacity > 64 * 1024) t_writing = null;
        return bytes;

        static (ArrayBufferWriter<byte>, Utf8JsonWriter) Create()
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            return (buffer, new Utf8JsonWriter(buffer));
        }
    }
}
