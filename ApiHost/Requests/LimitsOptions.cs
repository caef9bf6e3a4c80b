using System.ComponentModel.DataAnnotations;

namespace Orleans.Inference.ApiHost.Requests;

/// <summary>How much one request may ask of the gateway (section <c>Inference:Limits</c>); past a limit it gets a 4xx.</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Inference:Limits";

    /// <summary>
    /// The largest request body, in bytes; a larger one gets 413, whether it declares its length or is sent chunked.
    /// 4 MiB holds a 128K-token context (about half a million characters) even if every character came JSON-escaped as
    /// <c>\uXXXX</c>; much more is memory a caller makes the gateway hold, several times over (the UTF-16 strings, the
    /// rendered prompt), before any model is asked.
    /// </summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The most prompts one <c>/v1/completions</c> request may send as an array. Each prompt is a sequence of its own in
    /// the model's queue, so one request of 256 prompts costs what 256 requests do; 256 leaves most of a model's default
    /// queue (<c>Batching:MaxQueueLength</c>, 1024) to other clients.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxPromptsPerRequest { get; set; } = 256;

    /// <summary>
    /// The most messages one <c>/v1/chat/completions</c> request may send; OpenAI's own limit. They become one prompt,
    /// so the body size bounds their cost too; this bounds their count for backends that take them one by one.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxMessagesPerRequest { get; set; } = 2048;
}
