using System.Diagnostics;
using System.Text;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// A bounded load on a cluster: a few workers, each sending one request after another (every other one streamed)
/// through the given ApiHosts until stopped, recording how every request ended and when. Nothing is left unrecorded:
/// a request either succeeded, failed fast with 503 (or a stream's error event), failed otherwise, or hung.
/// </summary>
public sealed class ClusterLoad : IAsyncDisposable
{
    /// <summary>A request still unanswered after this long counts as hung.</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Outcome> _outcomes = [];
    private readonly HttpClient _http = new() { Timeout = HangLimit };
    private readonly Task[] _workers;

    public ClusterLoad(IReadOnlyList<Uri> apiHosts, string model, int workers = 6)
    {
        _workers = Enumerable.Range(0, workers).Select(i => Task.Run(() => WorkAsync(apiHosts[i % apiHosts.Count], model, stream: i % 2 == 1))).ToArray();
    }

    /// <summary>How one request ended.</summary>
    public enum Result { Ok, Unavailable, Failed, Hung }

    /// <summary>One request: when it started and ended (since the load started), how it ended, and what the failure said.</summary>
    public sealed record Outcome(TimeSpan Started, TimeSpan Ended, Result Result, string Detail);

    /// <summary>Time since the load started, on the clock the outcomes use.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<Outcome> Outcomes
    {
        get { lock (_outcomes) return [.. _outcomes]; }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> requests have succeeded since <paramref name="since"/>; a timeout says what
    /// the requests got, and <paramref name="context"/> (the nodes' output) when given.
    /// </summary>
    public Task WaitForSuccessesAsync(int count, TimeSpan since, TimeSpan timeout, Func<string>? context = null) =>
        RedisClusterFixture.WaitForAsync(
            () => Outcomes.Count(o => o.Result == Result.Ok && o.Started >= since) >= count, timeout,
            () => $"{count} successes since {since}: {Summary()}{context?.Invoke()}");

    /// <summary>Stops the workers after their current requests and returns every outcome.</summary>
    public async Task<IReadOnlyList<Outcome>> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        return Outcomes;
    }

    public string Summary() => string.Join("; ", Outcomes.GroupBy(o => o.Result).Select(g => $"{g.Key}: {g.Count()}"))
        + string.Concat(Outcomes.Where(o => o.Result is not Result.Ok).Take(5).Select(o => $"\n  {o.Started.TotalSeconds:F2}s {o.Result} {o.Detail}"));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task WorkAsync(Uri apiHost, string model, bool stream)
    {
        var body = $$"""{"model":"{{model}}","prompt":"Once upon a time","max_tokens":8,"stream":{{(stream ? "true" : "false")}}}""";
        while (!_stop.IsCancellationRequested)
        {
            var started = _clock.Elapsed;
            var (result, detail) = await SendAsync(new Uri(apiHost, "v1/completions"), body);
            lock (_outcomes) _outcomes.Add(new Outcome(started, _clock.Elapsed, result, detail));
        }
    }

    private async Task<(Result, string)> SendAsync(Uri uri, string body)
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(uri, content);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode == 503) return (Result.Unavailable, text);
            if (!response.IsSuccessStatusCode) return (Result.Failed, $"{(int)response.StatusCode} {text}");
            if (!text.Contains("\"error\"", StringComparison.Ordinal)) return (Result.Ok, "");
            // A stream that had started can only report its failure in an error event.
            return text.Contains("silo_unavailable", StringComparison.Ordinal) ? (Result.Unavailable, text) : (Result.Failed, text);
        }
        catch (TaskCanceledException)
        {
            return (Result.Hung, $"no answer within {HangLimit}");
        }
        catch (HttpRequestException error)
        {
            return (Result.Failed, error.Message);
        }
    }
}
