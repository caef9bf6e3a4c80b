using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Orleans.Inference.Tests.Infrastructure.Traffic;

/// <summary>
/// Sends <see cref="TrafficRequest"/>s as a client would and reads every answer to its end, checking its shape: a result,
/// an error in OpenAI's shape with a code, or a stream that ends with <c>[DONE]</c> (an error event, if any, just before
/// it). Each request has a deadline, so one that never ends is reported as hung instead of hanging the test.
/// </summary>
public sealed class TrafficClient(HttpClient http, TimeSpan deadline)
{
    private const string Malformed = "malformed";

    /// <summary>Sends every request, at most <paramref name="concurrency"/> at once; one outcome each, in order.</summary>
    public async Task<TrafficOutcome[]> SendAllAsync(IReadOnlyList<TrafficRequest> requests, int concurrency)
    {
        var outcomes = new TrafficOutcome[requests.Count];
        await Parallel.ForAsync(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => outcomes[i] = await SendAsync(requests[i]));
        return outcomes;
    }

    public async Task<TrafficOutcome> SendAsync(TrafficRequest request)
    {
        using var hung = new CancellationTokenSource(deadline);
        using var leave = new CancellationTokenSource();
        if (request.CancelAfter is { } after) leave.CancelAfter(after);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(hung.Token, leave.Token);
        var started = Stopwatch.GetTimestamp();
        var status = 0;
        var tokens = 0;
        string reason;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, request.Path) { Content = new StringContent(request.Body(), Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, either.Token);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) reason = WithStatus(status, ErrorCode(await response.Content.ReadAsStringAsync(either.Token)));
            else if (request.Stream) (reason, tokens) = await ReadStreamAsync(response, request.Chat, either.Token);
            else (reason, tokens) = Whole(await response.Content.ReadAsStringAsync(either.Token), request.Chat);
        }
        catch (OperationCanceledException) when (hung.IsCancellationRequested)
        {
            reason = TrafficOutcome.Hung;
        }
        catch (OperationCanceledException) when (leave.IsCancellationRequested)
        {
            reason = TrafficOutcome.Cancelled;
        }
        catch (Exception error) when (error is HttpRequestException or IOException or JsonException)
        {
            reason = $"malformed: {error.GetType().Name} {error.Message}";
        }

        return new TrafficOutcome(request, status, reason, tokens, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<(string Reason, int Tokens)> ReadStreamAsync(HttpResponseMessage response, bool chat, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var text = new StringBuilder();
        string? error = null;
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            if (item.Data == "[DONE]") return (error is null ? TrafficOutcome.Ok : error.StartsWith(Malformed, StringComparison.Ordinal) ? error : $"stream {error}", Words(text));
            if (error is not null) return ("malformed: an event after the error event", Words(text));
            using var chunk = JsonDocument.Parse(item.Data);
            if (chunk.RootElement.TryGetProperty("error", out _))
            {
                error = ErrorCode(item.Data);
                continue;
            }

            foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
            {
                if (chat && choice.GetProperty("delta").TryGetProperty("content", out var content)) text.Append(content.GetString());
                else if (!chat) text.Append(choice.GetProperty("text").GetString());
            }
        }

        return ("malformed: the stream ended without [DONE]", Words(text));
    }

    private static (string Reason, int Tokens) Whole(string body, bool chat)
    {
        using var json = JsonDocument.Parse(body);
        var choice = json.RootElement.GetProperty("choices")[0];
        var text = chat ? choice.GetProperty("message").GetProperty("content").GetString() : choice.GetProperty("text").GetString();
        var tokens = json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
        return Words(new StringBuilder(text)) == tokens ? (TrafficOutcome.Ok, tokens) : ($"malformed: {tokens} tokens in usage for the text '{text}'", tokens);
    }

    /// <summary>The error's code when the body has OpenAI's error shape with a message, a type and a code; <c>malformed: ...</c> otherwise.</summary>
    private static string ErrorCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object) return $"malformed: no error object in '{body}'";
            var complete = error.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 }
                && error.TryGetProperty("type", out var type) && type.GetString() is { Length: > 0 }
                && error.TryGetProperty("param", out _);
            if (!complete) return $"malformed: an incomplete error '{body}'";
            return error.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 } text ? text : $"malformed: an error without a code '{body}'";
        }
        catch (JsonException)
        {
            return $"malformed: not JSON '{body}'";
        }
    }

    private static string WithStatus(int status, string code) =>
        code.StartsWith(Malformed, StringComparison.Ordinal) ? $"{code} (status {status})" : $"{status} {code}";

    private static int Words(StringBuilder text) => text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
