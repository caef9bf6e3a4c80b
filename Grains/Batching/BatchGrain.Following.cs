using Orleans.Inference.Models;

namespace Orleans.Inference.Batching;

/// <summary>
/// Following the model: a batch grain left on another silo than its loaded model moves beside it, but only once nothing
/// is under way here. Orleans' migration deactivates the grain at once and then holds every message to it (the window's
/// timer ticks, a streaming caller's next read, the model grain's calls) until the requests running here end. Started
/// with work in flight it could wait for ever: seen in fresh CI after a silo stopped under load, a request waited for a
/// window whose tick was held, and the model grain waited on this grain, so every request for the model hung.
/// </summary>
public sealed partial class BatchGrain
{
    /// <summary>How long a requested move may take before this activation serves again (Orleans kept it here).</summary>
    private static readonly TimeSpan MoveGiveUp = TimeSpan.FromSeconds(2);

    /// <summary>Calls under way here: submits waiting for their model, streams whose caller still reads, published sequences.</summary>
    private int _calls;

    private Move _move;

    /// <summary>When the move was asked of Orleans, on the real clock (Orleans' migration runs on it, not on the batching clock).</summary>
    private long _moveRequestedAt;

    private enum Move
    {
        /// <summary>Beside the model, or not following it (no load seen elsewhere).</summary>
        None,

        /// <summary>The model is ready on another silo: move once idle.</summary>
        Wanted,

        /// <summary>Orleans was asked to move this grain; new calls are sent back to retry beside the model.</summary>
        Requested,

        /// <summary>The move did not happen: serve here until the model loads again.</summary>
        GaveUp,
    }

    /// <summary>Decides to move beside the model, ready on another silo; moves now if nothing is under way.</summary>
    private void Follow()
    {
        if (_move != Move.None) return;
        _move = Move.Wanted;
        LogFollowingModel(logger, ModelId);
        MoveIfIdle();
    }

    /// <summary>A new load is a new place to follow, even if an earlier move did not happen.</summary>
    private void ResetFollowing()
    {
        if (_move != Move.Requested) _move = Move.None;
    }

    private void MoveIfIdle()
    {
        if (_move != Move.Wanted || _calls > 0 || InFlight > 0 || _published.Count > 0) return;
        _move = Move.Requested;
        _moveRequestedAt = TimeProvider.System.GetTimestamp();
        this.MigrateOnIdle();
    }

    /// <summary>
    /// Starts a call that may wait here: refused while the grain moves (nothing was started, so the caller sends it again,
    /// and finds the grain beside its model), counted until <see cref="EndCall"/> otherwise.
    /// </summary>
    private void StartCall()
    {
        if (_move == Move.Requested)
        {
            if (TimeProvider.System.GetElapsedTime(_moveRequestedAt) < MoveGiveUp) throw new ModelMovingException(ModelId);
            _move = Move.GaveUp;
        }

        _calls++;
    }

    private void EndCall()
    {
        _calls--;
        MoveIfIdle();
    }
}
