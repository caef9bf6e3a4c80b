using Orleans.Inference.Engines;
using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Reading;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// Hands each choice of a backend's answer to its caller's sequence (choice <c>index</c> = position in the batch), as it
/// arrives. Token counts come from vLLM's per-choice continuous usage where the chunk has it, else one per chunk with text;
/// a sequence whose usage has not come yet finishes when the request's usage (or its end) arrives.
/// </summary>
internal sealed class ChoiceRouter(IReadOnlyList<BatchSequence> batch)
{
    private readonly FinishReason?[] _pending = new FinishReason?[batch.Count];

    /// <summary>Applies one chunk (or a whole non-streamed answer).</summary>
    public void Route(ResponseChunk chunk)
    {
        if (chunk.Choices is not { Count: > 0 } choices)
        {
            if (chunk.Usage is { } total && batch.Count == 1) Count(batch[0], total);
            FinishPending();
            return;
        }

        // Usage beside a single choice is that choice's own (vLLM streams one choice a chunk); beside several it is the sum.
        var usage = choices.Count == 1 || batch.Count == 1 ? chunk.Usage : null;
        foreach (var choice in choices)
        {
            if ((uint)choice.Index >= (uint)batch.Count) continue;
            var sequence = batch[choice.Index];
            if (sequence.IsFinished) continue;
            if (sequence.IsCancellationRequested)
            {
                sequence.Finish(FinishReason.Cancelled);
                continue;
            }

            var text = choice.Content;
            if (usage is not null) Count(sequence, usage, text);
            else if (text.Length > 0) sequence.Append(text, 1);

            if (choice.FinishReason is not { } reason) continue;
            if (usage is not null) sequence.Finish(Map(reason));
            else _pending[choice.Index] = Map(reason);
        }
    }

    /// <summary>The answer ended normally: what is still open finishes with its reason (or stop, when the server gave none).</summary>
    public void Complete()
    {
        for (var i = 0; i < batch.Count; i++) batch[i].Finish(_pending[i] ?? FinishReason.Stop);
    }

    /// <summary>The answer broke off: sequences that had their finish reason finish; the others fail with <paramref name="error"/>.</summary>
    public void Fail(Exception error)
    {
        FinishPending();
        foreach (var sequence in batch) sequence.Fail(error);
    }

    /// <summary>Every open sequence's caller has gone.</summary>
    public void Cancel()
    {
        foreach (var sequence in batch) sequence.Finish(FinishReason.Cancelled);
    }

    private void FinishPending()
    {
        for (var i = 0; i < batch.Count; i++)
        {
            if (_pending[i] is { } reason) batch[i].Finish(reason);
        }
    }

    private static void Count(BatchSequence sequence, ResponseUsage usage, string text = "")
    {
        if (sequence.IsFinished) return;
        sequence.PromptTokens = usage.PromptTokens;
        sequence.Append(text, Math.Max(0, usage.CompletionTokens - sequence.CompletionTokens));
    }

    private static FinishReason Map(string reason) => reason == "length" ? FinishReason.Length : FinishReason.Stop;
}
