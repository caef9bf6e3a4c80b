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

    /// <summary>Each choice's text length, so an array's total usage can be shared among its choices; empty for one sequence.</summary>
    private readonly int[] _chars = batch.Count > 1 ? new int[batch.Count] : [];

    private bool _choiceUsage;

    /// <summary>Applies one chunk (or a whole non-streamed answer).</summary>
    public void Route(ResponseChunk chunk)
    {
        if (chunk.Choices is not { Count: > 0 } choices)
        {
            if (chunk.Usage is { } total && batch.Count == 1) Count(batch[0], total);
            else if (chunk.Usage is { } sum && !_choiceUsage) Share(sum);
            FinishPending();
            return;
        }

        // Usage beside a single choice is that choice's own (vLLM streams one choice a chunk); beside several it is the sum.
        var usage = choices.Count == 1 || batch.Count == 1 ? chunk.Usage : null;
        if (usage is not null) _choiceUsage = true;
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
            if (_chars.Length > 0) _chars[choice.Index] += text.Length;
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

    /// <summary>
    /// Shares an array's total usage among its choices when the server gave none of its own (no continuous usage stats): a
    /// server may send several tokens in one chunk, so chunks are no count. Prompt tokens go by prompt length; a choice that
    /// ended at its length has exactly its max_tokens, and the others share the rest by the length of their text. Exact when
    /// every choice ran to its length, and the sums are always the server's.
    /// </summary>
    private void Share(ResponseUsage total)
    {
        long promptChars = 0, textChars = 0;
        var completionLeft = total.CompletionTokens;
        var promptLeft = total.PromptTokens;
        var sharing = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            promptChars += batch[i].Request.Prompt.Length;
            if (_pending[i] == FinishReason.Length) completionLeft -= batch[i].Request.Sampling.MaxTokens;
            else (textChars, sharing) = (textChars + _chars[i], sharing + 1);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var sequence = batch[i];
            var prompt = i == batch.Count - 1 ? promptLeft : (int)(promptChars == 0 ? 0 : (long)total.PromptTokens * sequence.Request.Prompt.Length / promptChars);
            promptLeft -= prompt;
            int completion;
            if (_pending[i] == FinishReason.Length)
            {
                completion = sequence.Request.Sampling.MaxTokens;
            }
            else
            {
                sharing--;
                completion = sharing == 0 ? completionLeft : (int)(textChars == 0 ? completionLeft / (sharing + 1) : (long)completionLeft * _chars[i] / textChars);
                (completionLeft, textChars) = (completionLeft - completion, textChars - _chars[i]);
            }

            if (sequence.IsFinished) continue;
            sequence.PromptTokens = prompt;
            if (completion > sequence.CompletionTokens) sequence.Append(string.Empty, completion - sequence.CompletionTokens);
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
