using System.Diagnostics;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>The test process's memory after a full, compacting collection: what is really held, and what the OS sees.</summary>
/// <param name="HeapBytes">Managed bytes still reachable after the collection.</param>
/// <param name="WorkingSetBytes">The process's working set (the co-hosted gateway's and the tests' together).</param>
public sealed record MemorySnapshot(long HeapBytes, long WorkingSetBytes)
{
    public static MemorySnapshot Take()
    {
        // Twice, with finalizers run in between: objects kept alive only by a finalizer go in the second pass.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    public double HeapMb => HeapBytes / 1048576.0;

    public double WorkingSetMb => WorkingSetBytes / 1048576.0;
}
