using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>Posts raw JSON, so tests send exactly the bytes a client would.</summary>
public static class HttpJson
{
    public static Task<HttpResponseMessage> PostJsonAsync(
        this HttpClient http, string path, string json, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead,
        CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        return http.SendAsync(request, completion, cancellationToken);
    }

    /// <summary>Posts bytes as they are (invalid UTF-8 included); without a content type when it is null; chunked, without Content-Length, when asked.</summary>
    public static Task<HttpResponseMessage> PostBytesAsync(
        this HttpClient http, string path, byte[] body, string? contentType = "application/json", bool chunked = false,
        CancellationToken cancellationToken = default)
    {
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        return http.SendAsync(request, cancellationToken);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Waits for a condition that the system reaches on its own, failing after a bound.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan within, string because)
    {
        using var timeout = new CancellationTokenSource(within);
        while (!condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"Timed out after {within}: {because}");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits for a condition that takes a call to read (a grain's state), failing after a bound.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan within, string because)
    {
        using var timeout = new CancellationTokenSource(within);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"Timed out after {within}: {because}");
            await Task.Delay(10);
        }
    }
}
