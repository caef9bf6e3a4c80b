using System.Diagnostics.Metrics;

namespace Orleans.Inference.ApiHost.Hosting;

/// <summary>
/// Bytes allocated on the managed heap, counted precisely. The runtime's own <c>dotnet.gc.heap.total_allocated</c> is the
/// cheap, imprecise count, which under Server GC's dynamic heap count can stand still for seconds after a busy spell;
/// the Bench divides this one by requests for its bytes per request. One instrument per process, like the count itself:
/// hosts that share a process (tests) export the same one.
/// </summary>
internal static class AllocationMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Orleans.Inference.Process";

    private static readonly Meter Meter = new(MeterName);

    private static readonly ObservableCounter<long> Allocated = Meter.CreateObservableCounter(
        "inference.process.allocated", () => GC.GetTotalAllocatedBytes(precise: true), "By",
        "Bytes allocated on the managed heap since the process started, counted precisely.");

    /// <summary>Creates the instrument (once per process) so that it is there to be exported.</summary>
    public static void EnsureCreated() => _ = Allocated;
}
