using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Orleans.Inference.Bench.Load;

/// <summary>
/// Sends load through one shared, pooled HttpClient, as a client would: closed loop (N clients back to back) or
/// open loop (a fixed schedule, latency measured from when each request was due, so a slow server cannot hide
/// its queue: no coordinated omission).
/// </summary>
internal sealed class LoadGenerator(HttpClient http)
{
    public async Task<List<RequestSample>> RunAsync(LoadOptions options, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var samples = new ConcurrentBag<List<RequestSample>>();
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        using var ticker = ReportProgress(progress, started, end, cancellationToken);

        if (options.Rate is { } rate)
        {
            await OpenLoopAsync(options, rate, measureFrom, end, samples, cancellationToken);
        }
        else
        {
            var clients = Enumerable.Range(0, options.Clients).Select(_ => Task.Run(async () =>
            {
                var mine = new List<RequestSample>(4096);

                // At least one request each: on a busy machine a client can start after a short run has ended.
                do
                {
                    var due = Stopwatch.GetTimestamp();
                    var sample = await SendAsync(options, due, cancellationToken);
                    if (due >= measureFrom) mine.Add(sample with { InWindow = Stopwatch.GetTimestamp() <= end });
                }
                while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested);

                samples.Add(mine);
            }, cancellationToken));
            await Task.WhenAll(clients);
        }

        return samples.SelectMany(s => s).ToList();
    }

    private async Task OpenLoopAsync(
        LoadOptions options, double rate, long measureFrom, long end, ConcurrentBag<List<RequestSample>> samples, CancellationToken cancellationToken)
    {
        var inFlight = new List<Task<(long Due, RequestSample Sample)>>();
        var first = Stopwatch.GetTimestamp();
        for (long i = 0; ; i++)
        {
            var due = first + (long)(i / rate * Stopwatch.Frequency);
            if (due >= end || cancellationToken.IsCancellationRequested) break;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, cancellationToken);
            inFlight.Add(SendAtAsync(options, due, end, cancellationToken));
        }

        var done = await Task.WhenAll(inFlight);
        samples.Add(done.Where(d => d.Due >= measureFrom).Select(d => d.Sample).ToList());
    }

    private async Task<(long, RequestSample)> SendAtAsync(LoadOptions options, long due, long end, CancellationToken cancellationToken)
    {
        var sample = await SendAsync(options, due, cancellationToken);
        return (due, sample with { InWindow = Stopwatch.GetTimestamp() <= end });
    }

    private async Task<RequestSample> SendAsync(LoadOptions options, long due, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Target, options.Path))
            {
                Content = new StringContent(options.Body, Encoding.UTF8, "application/json"),
            };
            if (options.ApiKey is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode || !options.Streaming)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var tokens = response.IsSuccessStatusCode ? CompletionTokens(body) : 0;
                return new RequestSample(status, Ms(due), double.NaN, null, tokens);
            }

            return await ReadStreamAsync(response, due, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return new RequestSample(RequestSample.ConnectionFailed, Ms(due), double.NaN, null, 0);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RequestSample(RequestSample.TimedOut, Ms(due), double.NaN, null, 0);
        }
    }

    private static async Task<RequestSample> ReadStreamAsync(HttpResponseMessage response, long due, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        double ttft = double.NaN;
        var gaps = new List<float>();
        long last = 0;
        var tokens = 0;
        var failed = false;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (item.Data == "[DONE]") break;
            using var chunk = JsonDocument.Parse(item.Data);
            if (chunk.RootElement.TryGetProperty("error", out _)) failed = true;
            if (chunk.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
                tokens = usage.GetProperty("completion_tokens").GetInt32();
            if (!HasText(chunk.RootElement)) continue;
            var now = Stopwatch.GetTimestamp();
            if (double.IsNaN(ttft)) ttft = Ms(due, now);
            else gaps.Add((float)Stopwatch.GetElapsedTime(last, now).TotalMilliseconds);
            last = now;
        }

        return new RequestSample(failed ? 599 : 200, Ms(due), ttft, [.. gaps], tokens);
    }

    private static bool HasText(JsonElement chunk)
    {
        if (!chunk.TryGetProperty("choices", out var choices) || choices.GetArrayLength() == 0) return false;
        var choice = choices[0];
        if (choice.TryGetProperty("text", out var text)) return text.GetString()!.Length > 0;
        return choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content) && content.GetString()!.Length > 0;
    }

    private static int CompletionTokens(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("usage", out var usage) ? usage.GetProperty("completion_tokens").GetInt32() : 0;
    }

    private static double Ms(long from) => Ms(from, Stopwatch.GetTimestamp());

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static Timer? ReportProgress(IProgress<double>? progress, long started, long end, CancellationToken cancellationToken) =>
        progress is null ? null : new Timer(_ =>
        {
            if (!cancellationToken.IsCancellationRequested)
                progress.Report(Math.Clamp((double)(Stopwatch.GetTimestamp() - started) / (end - started), 0, 1));
        }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
}
