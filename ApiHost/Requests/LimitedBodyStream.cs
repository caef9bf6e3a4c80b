namespace Orleans.Inference.ApiHost.Requests;

/// <summary>
/// Reads a body of undeclared length (chunked) and fails with a 413 <see cref="BadHttpRequestException"/> once it passes
/// the limit. Kestrel's own limit would fail the same way, but then closes the connection under a client still sending,
/// which most clients report as a broken pipe instead of the 413; a body that fails here leaves the connection to
/// Kestrel, which reads and drops the rest (for up to 5 s) after the response, so the client gets to read it.
/// </summary>
internal sealed class LimitedBodyStream(Stream inner, long maxBytes) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = inner.ReadAsync(buffer, cancellationToken);
        return read.IsCompletedSuccessfully ? new ValueTask<int>(Count(read.Result)) : AwaitAsync(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private async ValueTask<int> AwaitAsync(ValueTask<int> read) => Count(await read);

    private int Count(int read)
    {
        _read += read;
        if (_read > maxBytes) throw new BadHttpRequestException(TooLargeMessage(maxBytes), StatusCodes.Status413PayloadTooLarge);
        return read;
    }

    /// <summary>Kestrel's words for the same failure, so a client sees one message whichever check caught its body.</summary>
    public static string TooLargeMessage(long maxBytes) => $"Request body too large. The max request body size is {maxBytes} bytes.";
}
