using System.Net.Sockets;
using System.Text;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>One keep-alive HTTP/1.1 connection, written and read by hand.</summary>
public sealed class RawHttpConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly string _host;
    private string _buffer = "";

    private RawHttpConnection(TcpClient client, string host)
    {
        _client = client;
        _stream = client.GetStream();
        _host = host;
    }

    public static async Task<RawHttpConnection> OpenAsync(Uri address)
    {
        var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        return new RawHttpConnection(client, address.Authority);
    }

    public Task<(string Headers, string Body)> SendAsync(string json) => SendAsync("POST", "/v1/completions", json);

    public async Task<(string Headers, string Body)> SendAsync(string method, string path, string? json)
    {
        var body = json is null ? "" : json;
        var request = $"{method} {path} HTTP/1.1\r\nHost: {_host}\r\n" +
            (json is null ? "" : $"Content-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n") + "\r\n" + body;
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        var headers = await ReadUntilAsync("\r\n\r\n");
        string content;
        if (headers.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase)) content = await ReadUntilAsync("\r\n0\r\n\r\n");
        else
        {
            var length = int.Parse(headers.Split("\r\n").First(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))[15..].Trim());
            while (Encoding.UTF8.GetByteCount(_buffer) < length) await ReadMoreAsync();
            (content, _buffer) = (_buffer[..length], _buffer[length..]);
        }

        return (headers, content);
    }

    /// <summary>True when the server ends the connection (end of stream) within a few seconds, with nothing more sent.</summary>
    public async Task<bool> ClosedByServerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var bytes = new byte[256];
        try
        {
            return await _stream.ReadAsync(bytes, timeout.Token) == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private async Task<string> ReadUntilAsync(string end)
    {
        int at;
        while ((at = _buffer.IndexOf(end, StringComparison.Ordinal)) < 0) await ReadMoreAsync();
        var text = _buffer[..(at + end.Length)];
        _buffer = _buffer[(at + end.Length)..];
        return text;
    }

    private async Task ReadMoreAsync()
    {
        var bytes = new byte[8192];
        var read = await _stream.ReadAsync(bytes);
        if (read == 0) throw new IOException("The server closed the connection mid-response.");
        _buffer += Encoding.UTF8.GetString(bytes, 0, read);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
