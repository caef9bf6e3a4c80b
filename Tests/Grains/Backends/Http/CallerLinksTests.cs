using Orleans.Inference.Backends.Http;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;

namespace Orleans.Inference.Tests.Grains.Backends.Http;

public sealed class CallerLinksTests
{
    [Fact]
    public void CallerGone_TheLastCallerOfTheBatch_CancelsTheRequest_NotBefore()
    {
        var (first, second) = (Sequence(), Sequence());
        using var request = new CancellationTokenSource();
        using var callers = new CallerLinks([first, second], request);

        first.Abandon();
        var afterOne = request.IsCancellationRequested;
        second.Abandon();

        Assert.False(afterOne, "one of two callers left: the other still reads");
        Assert.True(request.IsCancellationRequested);
    }

    [Fact]
    public void CallerGone_AfterItsSequenceEnded_CancelsNothing_SoTheResponseIsReadToItsEnd()
    {
        var (ended, running) = (Sequence(), Sequence());
        using var request = new CancellationTokenSource();
        using var callers = new CallerLinks([ended, running], request);
        ended.Finish(FinishReason.Length);

        ended.Abandon();
        var afterTheEndedOne = request.IsCancellationRequested;
        running.Finish(FinishReason.Stop);
        running.Abandon();

        Assert.False(afterTheEndedOne);
        Assert.False(request.IsCancellationRequested, "every sequence had ended: the server's [DONE] is on its way, and the connection with it");
    }

    [Fact]
    public void CallerGone_ItsSequenceAlreadyDroppedAsCancelled_StillCancelsTheRequest()
    {
        // The backend saw the caller's flag and dropped the sequence before the caller's callback ran.
        var sequence = Sequence();
        using var request = new CancellationTokenSource();
        using var callers = new CallerLinks([sequence], request);
        sequence.Finish(FinishReason.Cancelled);

        sequence.Abandon();

        Assert.True(request.IsCancellationRequested, "a sequence cancelled because its caller left is a caller gone, not a sequence ended");
    }

    [Fact]
    public void CallerGone_TheLastRunningSequencesCaller_CancelsEvenIfOthersEnded()
    {
        var (ended, running) = (Sequence(), Sequence());
        using var request = new CancellationTokenSource();
        using var callers = new CallerLinks([ended, running], request);
        ended.Finish(FinishReason.Length);
        ended.Abandon();

        running.Abandon();

        Assert.True(request.IsCancellationRequested);
    }

    [Fact]
    public async Task Dispose_WhileALeavingCallerCancelsTheRequest_WaitsForItSoTheRequestCanBeDisposedAfter()
    {
        var sequence = Sequence();
        var request = new CancellationTokenSource();
        var callers = new CallerLinks([sequence], request);
        using var cancelling = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        request.Token.Register(() =>
        {
            cancelling.Release();
            release.Wait();
        });

        // The caller leaves on another thread and is held inside the request's cancellation.
        var leaving = Task.Run(sequence.Abandon);
        Assert.True(await cancelling.WaitAsync(TimeSpan.FromSeconds(10)));
        var disposing = Task.Run(() =>
        {
            callers.Dispose();
            request.Dispose();
        });
        var disposedEarly = await Task.WhenAny(disposing, Task.Delay(TimeSpan.FromMilliseconds(200))) == disposing;
        release.Release();
        await Task.WhenAll(leaving, disposing).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(disposedEarly, "the backend's cleanup waited for the caller's cancellation under way");
    }

    [Fact]
    public void Dispose_ThenACallerLeaves_TheDisposedRequestIsNotTouched()
    {
        var sequence = Sequence();
        var request = new CancellationTokenSource();
        new CallerLinks([sequence], request).Dispose();
        request.Dispose();

        sequence.Abandon();

        Assert.True(sequence.IsCancellationRequested);
    }

    private static BatchSequence Sequence() =>
        BatchSequence.ForStream(new InferenceRequest("p", new SamplingParameters(4)), CancellationToken.None);
}
