using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using Orleans.Inference.Hosting;

namespace Orleans.Inference.Quotas;

/// <summary>
/// One API key's quotas across the cluster (<see cref="IQuotaGrain"/>): grants are persisted before they are returned.
/// It activates beside the first host that leases from it (a host leases a slice at a time, so the others' calls are
/// few). Its minutes and days are the wall clock's (UTC, <see cref="QuotaTime"/>), not the inference clock's: quotas are set in real time.
/// </summary>
[PreferLocalPlacement]
public sealed class QuotaGrain(
    [PersistentState("quota", InferenceStorage.Name)] IPersistentState<QuotaState> state,
    [FromKeyedServices(QuotaTime.Key)] TimeProvider time) : Grain, IQuotaGrain
{
    public async Task<QuotaLease> LeaseAsync(QuotaLeaseRequest request)
    {
        var lease = QuotaBudget.Lease(state.State, request, time.GetUtcNow());
        // Written before it is handed out: a silo that dies after granting cannot grant the same budget twice.
        await state.WriteStateAsync();
        return lease;
    }
}
