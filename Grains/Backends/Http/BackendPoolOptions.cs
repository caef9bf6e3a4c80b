namespace Orleans.Inference.Backends.Http;

/// <summary>The connection pool of each replica: one <see cref="SocketsHttpHandler"/> per replica, shared by every grain in the process.</summary>
public sealed class BackendPoolOptions
{
    /// <summary>Most connections open to one replica; requests past it wait for a free one (metric <c>http.client.request.time_in_queue</c>).</summary>
    public int MaxConnectionsPerServer { get; set; } = 256;

    /// <summary>How long a connection is reused before it is replaced, so DNS and load-balancer changes are seen.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an idle connection stays open: less than the 5 s keep-alive of vLLM's (uvicorn's) and llama.cpp's servers, so
    /// the pool never offers a connection the server has just closed. Such a connection fails its request, which goes again,
    /// and marks the replica as one that closes connections after streams (see <c>BackendReplica.ClosesConnections</c>),
    /// after which every stream opens a new connection.
    /// </summary>
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long opening a connection may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Speak HTTP/2 (cleartext with prior knowledge on http://, negotiated on https://), several streams per connection.</summary>
    public bool Http2 { get; set; }

    /// <summary>Connections opened to each replica at start-up and when a model loads, so first requests skip connection set-up.</summary>
    public int WarmConnections { get; set; } = 16;

    /// <summary>
    /// Caps the connections to a replica at the number it serves at once, when it says so: llama.cpp's server answers
    /// <c>GET /props</c> with <c>total_slots</c> and serves <c>total_slots + 2</c> connections on as many threads. A pool
    /// larger than that stalls requests for the server's 5 s keep-alive. Off keeps <see cref="MaxConnectionsPerServer"/>.
    /// </summary>
    public bool CapToServerThreads { get; set; } = true;

    /// <summary>A new connection per request and none kept (for measuring what pooling is worth; never in production).</summary>
    public bool Disabled { get; set; }
}
