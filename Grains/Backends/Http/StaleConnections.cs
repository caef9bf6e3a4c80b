using System.Net.Sockets;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// Failures of a request sent on a pooled connection that the server had already closed (llama.cpp's server closes
/// the connection after every stream, and older builds after 5 requests, with no <c>Connection: close</c> header). The
/// server never saw the request, so sending it again is always safe, at once, and says nothing about the replica's health.
/// </summary>
internal static class StaleConnections
{
    /// <summary>True for a connection that ended or was reset under a request; false for one that could not be opened.</summary>
    public static bool IsStale(Exception? error) => error is HttpRequestException http && http.HttpRequestError switch
    {
        HttpRequestError.ResponseEnded => true,
        HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError => false,
        _ => http.InnerException is IOException { InnerException: SocketException socket }
            && socket.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown,
    };
}
