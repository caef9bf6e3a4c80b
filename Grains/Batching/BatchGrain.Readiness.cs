using Orleans.Inference.Models;

namespace Orleans.Inference.Batching;

/// <summary>
/// Readiness: a request reaches the batch grain alone while its model is ready in this silo (the fast path); otherwise
/// the batch grain asks the model grain, which waits for a load, loads on demand, or says why the model cannot serve.
/// </summary>
public sealed partial class BatchGrain
{
    /// <summary>The fast path's check: true when the model is ready here, marking it used as the model grain would.</summary>
    private bool IsReady()
    {
        // Loaded goes false when the model grain lets the model go here (unloaded, or the grain moved) before any drain reaches this grain.
        if (_ready is not { Loaded: true } usage) return false;
        usage.LastUsed = time.GetTimestamp();
        return true;
    }

    /// <summary>
    /// Waits, through the model grain, until the model can serve (or throws why not), then opens the fast path when the
    /// model is loaded in this silo and no drain came meanwhile.
    /// </summary>
    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        var drains = _drains;
        await _model.EnsureReadyAsync(cancellationToken);
        if (_scheduler is null) Configure(await catalog.FindAsync(ModelId) ?? throw new ModelNotFoundException(ModelId));
        if (drains == _drains && _accepting) OpenFastPath();
    }

    /// <summary>
    /// Opens the fast path when the model is loaded in this silo; when it is ready on another silo, moves there.
    /// </summary>
    /// <remarks>
    /// Placement puts a batch grain beside its model grain only when it activates. A model grain that moves later (a
    /// migration, a silo that left and came back) leaves its batch grain behind, and a directory entry that outlives a
    /// deactivation can bring it back on the same silo without asking placement (seen in two-silo runs: it came back on
    /// the old silo every time). Away from its model, each request would cross silos twice and never take the fast path.
    /// So the grain follows its model once idle (see <see cref="Follow"/>); <see cref="Placement.ModelColocatedPlacementDirector"/>
    /// picks the model's silo.
    /// </remarks>
    private void OpenFastPath()
    {
        _ready = loaded.Find(ModelId);
        // Every request takes the slow path until the move.
        if (_ready is null) Follow();
    }
}
