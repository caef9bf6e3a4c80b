using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Threading.Channels;
using Orleans.Inference.Generation;
using Orleans.Inference.Streaming;

namespace Orleans.Inference.Engines;

/// <summary>
/// One caller's sequence inside a batch, the contract between an engine and its callers: the engine (the simulated one, or
/// the gateway's HTTP backend) writes its tokens here and finishes it, and its caller reads them, streamed or whole. One
/// writer (the engine) and one reader (the caller).
/// </summary>
public sealed class BatchSequence
{
    private const int Running = 0;
    private const int Ended = 1;
    private const int Cancelled = 2;

    private static readonly UnboundedChannelOptions ChannelOptions = new() { SingleReader = true, SingleWriter = true };

    private readonly Channel<TokenChunk>? _chunks;
    private readonly TaskCompletionSource<InferenceResult>? _result;
    private readonly StringBuilder? _text;
    private readonly CancellationToken _callerCancellation;
    private readonly int _maxBufferedTokens;
    private volatile bool _abandoned;
    private CancellationTokenSource? _cancellation;
    private int _bufferedTokens;
    private int _finished;
    private int _unsentTokens;

    private BatchSequence(InferenceRequest request, bool streaming, CancellationToken cancellationToken, int maxBufferedTokens = int.MaxValue)
    {
        Request = request;
        _callerCancellation = cancellationToken;
        _maxBufferedTokens = maxBufferedTokens;
        if (streaming)
        {
            _chunks = Channel.CreateUnbounded<TokenChunk>(ChannelOptions);
        }
        else
        {
            _result = new TaskCompletionSource<InferenceResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            _text = new StringBuilder();
        }
    }

    public InferenceRequest Request { get; }

    /// <summary>Prompt tokens as the backend counted them.</summary>
    public int PromptTokens { get; set; }

    /// <summary>The caller's trace context when it was queued (default unless tracing is on), for the batch's span.</summary>
    public ActivityContext TraceContext { get; set; }

    /// <summary>How long the sequence waited in the queue before its batch left.</summary>
    public TimeSpan QueueWait { get; set; }

    /// <summary>Tokens generated so far.</summary>
    public int CompletionTokens { get; private set; }

    /// <summary>True once the caller has gone: the backend should stop generating for it.</summary>
    public bool IsCancellationRequested => _abandoned || _callerCancellation.IsCancellationRequested;

    public bool IsFinished => Volatile.Read(ref _finished) != Running;

    /// <summary>
    /// True once the sequence ended for its caller: finished with a reason other than <see cref="FinishReason.Cancelled"/>, or
    /// failed. A caller that leaves after that has cancelled nothing.
    /// </summary>
    public bool HasEnded => Volatile.Read(ref _finished) == Ended;

    /// <summary>True when the caller reads tokens as they come; false when it waits for the whole result.</summary>
    public bool IsStreaming => _chunks is not null;

    /// <summary>Tokens written and not yet taken by the reader.</summary>
    public int BufferedTokens => Volatile.Read(ref _bufferedTokens);

    private ChannelReader<TokenChunk> Chunks => _chunks?.Reader ?? throw new InvalidOperationException("Not a streaming sequence.");

    /// <summary>The whole result; only for non-streaming sequences.</summary>
    public Task<InferenceResult> Result => _result?.Task ?? throw new InvalidOperationException("A streaming sequence has no whole result.");

    public static BatchSequence ForResult(InferenceRequest request, CancellationToken cancellationToken) =>
        new(request, streaming: false, cancellationToken);

    /// <summary>A streamed sequence; a reader that lets more than <paramref name="maxBufferedTokens"/> tokens wait is cancelled.</summary>
    public static BatchSequence ForStream(InferenceRequest request, CancellationToken cancellationToken, int maxBufferedTokens = int.MaxValue) =>
        new(request, streaming: true, cancellationToken, maxBufferedTokens);

    /// <summary>Waits until there is something to take; false once the stream has ended. Throws the sequence's failure.</summary>
    public ValueTask<bool> WaitToTakeAsync(CancellationToken cancellationToken) => Chunks.WaitToReadAsync(cancellationToken);

    /// <summary>Takes every chunk that is waiting, merged into one, so a reader that falls behind gets fewer, larger messages.</summary>
    public bool TryTake([NotNullWhen(true)] out TokenChunk? chunk)
    {
        var chunks = Chunks;
        if (!chunks.TryRead(out chunk)) return false;
        if (!chunk.IsFinal && chunks.TryPeek(out _))
        {
            var text = new StringBuilder(chunk.Text);
            var tokens = chunk.TokenCount;
            TokenChunk? last = null;
            while ((last is null || !last.IsFinal) && chunks.TryRead(out var next))
            {
                text.Append(next.Text);
                tokens += next.TokenCount;
                last = next;
            }

            chunk = new TokenChunk(text.ToString(), tokens, last?.FinishReason, last?.Usage);
        }

        Interlocked.Add(ref _bufferedTokens, -chunk.TokenCount);
        return true;
    }

    /// <summary>Adds generated text (possibly empty while a stop sequence is still undecided) and its token count.</summary>
    public void Append(string text, int tokens)
    {
        CompletionTokens += tokens;
        if (_chunks is null)
        {
            _text!.Append(text);
            return;
        }

        // Tokens whose text is held back travel with the next text, so chunk counts add up to usage.
        _unsentTokens += tokens;
        if (text.Length == 0) return;

        // The engine never waits for a reader, so a slow one cannot hold its batch back; it is cut off here instead.
        var buffered = Interlocked.Add(ref _bufferedTokens, _unsentTokens);
        if (buffered > _maxBufferedTokens)
        {
            Fail(new SlowReaderException(buffered));
            return;
        }

        _chunks.Writer.TryWrite(new TokenChunk(text, _unsentTokens));
        _unsentTokens = 0;
    }

    /// <summary>Ends the sequence; later calls are ignored.</summary>
    public void Finish(FinishReason reason)
    {
        if (Interlocked.CompareExchange(ref _finished, reason == FinishReason.Cancelled ? Cancelled : Ended, Running) != Running) return;
        var usage = new TokenUsage(PromptTokens, CompletionTokens);
        if (_chunks is not null)
        {
            Interlocked.Add(ref _bufferedTokens, _unsentTokens);
            _chunks.Writer.TryWrite(new TokenChunk(string.Empty, _unsentTokens, reason, usage));
            _chunks.Writer.TryComplete();
        }
        else if (reason == FinishReason.Cancelled)
        {
            _result!.TrySetCanceled(_callerCancellation);
        }
        else
        {
            _result!.TrySetResult(new InferenceResult(_text!.ToString(), reason, usage));
        }
    }

    /// <summary>Fails this sequence alone; later calls are ignored.</summary>
    public void Fail(Exception error)
    {
        if (Interlocked.CompareExchange(ref _finished, Ended, Running) != Running) return;
        if (_chunks is not null)
        {
            _chunks.Writer.TryComplete(error);
        }
        else
        {
            _result!.TrySetException(error);
        }
    }

    /// <summary>The caller stopped reading: let the backend drop the sequence at its next step.</summary>
    public void Abandon()
    {
        _abandoned = true;
        try
        {
            Volatile.Read(ref _cancellation)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The backend was done with the sequence already.
        }
        catch (AggregateException)
        {
            // A backend's callback failed. Abandoning is the caller's cleanup, often after its last token: nothing it
            // throws may turn a delivered stream into a failed one.
        }
    }

    /// <summary>
    /// A token cancelled when the caller goes or abandons the sequence, for backends that cancel work (an HTTP request)
    /// rather than poll <see cref="IsCancellationRequested"/>. The backend owns it and disposes it when done.
    /// </summary>
    public CancellationTokenSource LinkCancellation()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(_callerCancellation);
        Volatile.Write(ref _cancellation, source);
        if (_abandoned) source.Cancel();
        return source;
    }
}
