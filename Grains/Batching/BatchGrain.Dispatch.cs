using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Inference.Engines;
using Orleans.Inference.Telemetry;

namespace Orleans.Inference.Batching;

/// <summary>Dispatching: expiry, the scheduler's decision, running batches, and the wake-up timer.</summary>
public sealed partial class BatchGrain
{
    private void TryDispatch()
    {
        // A batch that completes synchronously calls back in here; the loop below already picks up what is left.
        if (_dispatching) return;
        _dispatching = true;
        try
        {
            ExpireOverdue();
            while (_scheduler.TryTake(_running.Count) is { } batch)
            {
                metrics.Queued(ModelId, -batch.Count);
                batch.RemoveAll(sequence =>
                {
                    if (!sequence.IsCancellationRequested) return false;
                    sequence.Finish(Generation.FinishReason.Cancelled);
                    return true;
                });
                if (batch.Count == 0) continue;
                metrics.Dispatched(ModelId, batch);
                _running.Add(batch);
                _ = RunBatchAsync(batch);
            }

            ScheduleWake();
        }
        finally
        {
            _dispatching = false;
        }
    }

    private void ExpireOverdue()
    {
        var expired = _scheduler.RemoveExpired();
        if (expired.Count == 0) return;
        metrics.Queued(ModelId, -expired.Count);
        metrics.Expired(ModelId, expired.Count);
        foreach (var (sequence, waited) in expired) sequence.Fail(new QueueTimeoutException(ModelId, waited));
    }

    /// <summary>
    /// Sets the grain timer for the next window or deadline; submits and completions also dispatch, so a late timer only
    /// delays. The timer runs in the grain's own turn (interleaved, as the grain is reentrant) and does not keep an idle
    /// grain alive: with nothing queued there is nothing for it to do.
    /// </summary>
    private void ScheduleWake()
    {
        if (_scheduler.NextWake() is not { } wake)
        {
            // Most submits at low load leave nothing queued: touch the timer only when it is set.
            if (_wakeArmed) _wakeTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _wakeArmed = false;
            return;
        }

        _wakeArmed = true;
        var due = wake < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wake;
        if (_wakeTimer is null)
        {
            _wakeTimer = this.RegisterGrainTimer(
                static grain =>
                {
                    grain._wakeArmed = false;
                    grain.TryDispatch();
                    return Task.CompletedTask;
                },
                this,
                new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = false });
        }
        else
        {
            _wakeTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task RunBatchAsync(List<BatchSequence> batch)
    {
        var started = time.GetTimestamp();
        using var activity = InferenceActivities.StartBatch(ModelId, batch);
        try
        {
            if (logger.IsEnabled(LogLevel.Debug)) LogBatchDispatched(logger, ModelId, batch.Count, RequestIds(batch), _scheduler.Count);

            // The backend does its waiting (and large work) off this grain's scheduler, so submits keep flowing in.
            await _backend.RunBatchAsync(batch, CancellationToken.None);
        }
        catch (Exception error)
        {
            LogBatchFailed(logger, error, ModelId, batch.Count, RequestIds(batch));
            activity?.SetStatus(ActivityStatusCode.Error, error.Message);
            foreach (var sequence in batch) sequence.Fail(error);
        }
        finally
        {
            metrics.Generated(ModelId, batch);
            _running.Remove(batch);
            _scheduler.Completed(batch.Count);
            _admission.Observe(time.GetElapsedTime(started));
            TryDispatch();
            if (_drained is not null && InFlight == 0)
            {
                _drained.TrySetResult();
                _drained = null;
            }

            MoveIfIdle();
        }
    }

    private static string RequestIds(List<BatchSequence> batch) => string.Join(",", batch.Select(sequence => sequence.Request.RequestId ?? "-"));
}
