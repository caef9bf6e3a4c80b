namespace Orleans.Inference.Backends.Http;

/// <summary>
/// Holds a replica's requests to the number of connections it can serve at once, once that is known (see
/// <see cref="BackendReplica.LearnServerThreadsAsync"/>): each request keeps its place until its response is disposed,
/// so the pool never needs, and never opens, more connections than that. Until then it lets every request through.
/// </summary>
/// <remarks>
/// A <see cref="SocketsHttpHandler"/>'s <c>MaxConnectionsPerServer</c> cannot change once it has sent a request, and the
/// server's limit is only known by asking it.
/// </remarks>
internal sealed class ConnectionGate : DelegatingHandler
{
    private SemaphoreSlim? _places;

    /// <summary>The connections it allows at once, or null while it lets everything through.</summary>
    public int? Limit { get; private set; }

    /// <summary>Allows at most <paramref name="connections"/> requests at once from now on; the first call decides.</summary>
    public bool TryCap(int connections)
    {
        if (Interlocked.CompareExchange(ref _places, new SemaphoreSlim(connections), null) is not null) return false;
        Limit = connections;
        return true;
    }

    /// <summary>Uncapped (every server but llama.cpp's), a request passes straight through, with no state machine of its own.</summary>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Volatile.Read(ref _places) is { } places ? SendInPlaceAsync(places, request, cancellationToken) : base.SendAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendInPlaceAsync(SemaphoreSlim places, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await places.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            response.Content = new PlaceHoldingContent(response.Content, places);
            return response;
        }
        catch
        {
            places.Release();
            throw;
        }
    }

    /// <summary>A response body that gives its request's place back when it is disposed (its connection is back in the pool by then).</summary>
    private sealed class PlaceHoldingContent : HttpContent
    {
        private readonly HttpContent _inner;
        private SemaphoreSlim? _place;

        public PlaceHoldingContent(HttpContent inner, SemaphoreSlim place)
        {
            _inner = inner;
            _place = place;
            foreach (var header in inner.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => _inner.CopyToAsync(stream, context);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
            _inner.CopyToAsync(stream, context, cancellationToken);

        protected override Task<Stream> CreateContentReadStreamAsync() => _inner.ReadAsStreamAsync();

        protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => _inner.ReadAsStreamAsync(cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                Interlocked.Exchange(ref _place, null)?.Release();
            }

            base.Dispose(disposing);
        }
    }
}
