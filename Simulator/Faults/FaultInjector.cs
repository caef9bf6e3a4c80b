using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Inference.Simulator.Errors;
using Orleans.Inference.Simulator.Stats;

namespace Orleans.Inference.Simulator.Faults;

/// <summary>Applies the current <see cref="FaultOptions"/>, which <c>PUT /admin/faults</c> replaces while the server runs.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly SimulatorStats _stats;
    private readonly TimeProvider _time;
    private FaultOptions _current = null!;
    private Random _random = null!;

    public FaultInjector(IOptions<FaultOptions> options, SimulatorStats stats, TimeProvider time)
    {
        _stats = stats;
        _time = time;
        Set(options.Value);
    }

    public FaultOptions Current
    {
        get
        {
            lock (_lock) return _current;
        }
    }

    /// <summary>Replaces the faults; a seed restarts the draw, so a run can be repeated from this point.</summary>
    public void Set(FaultOptions faults)
    {
        lock (_lock)
        {
            _current = faults;
            _random = faults.Seed is { } seed ? new Random(seed) : Random.Shared;
        }
    }

    /// <summary>Waits the added latency, then draws whether this request fails: the error to answer with, or null to generate.</summary>
    public async Task<IResult?> BeforeGenerationAsync(HttpContext http, FaultOptions faults)
    {
        if (faults.AddedLatencyMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(faults.AddedLatencyMs), _time, http.RequestAborted);
        if (!Draw(faults.ErrorRate)) return null;

        _stats.ErrorInjected();
        if (faults.ErrorStatus is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            http.Response.Headers.RetryAfter = faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return ApiErrors.Injected(faults.ErrorStatus);
    }

    private bool Draw(double rate)
    {
        if (rate <= 0) return false;
        lock (_lock) return _random.NextDouble() < rate;
    }
}
