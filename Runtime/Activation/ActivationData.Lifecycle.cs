using Actors.Runtime.Diagnostics;

namespace Actors.Runtime.Activation;

internal sealed partial class ActivationData
{
    private DateTimeOffset _lastUsed;
    private volatile bool _usedSinceLastScan = true;
    private DeactivationReason? _deactivationReason;
    private bool _deactivationStarted;
    private Exception? _activationError;

    /// <summary>Constructs the grain, reads its states and runs OnActivateAsync; then starts the calls that waited.</summary>
    public async Task ActivateAsync()
    {
        try
        {
            var grain = Construct();
            if (_states.Count > 0)
            {
                await Task.WhenAll(_states.Select(s => s.ReadStateAsync(CancellationToken.None))).ConfigureAwait(false);
            }

            using (var timeout = new CancellationTokenSource(Runtime.Options.ActivationTimeout, Runtime.TimeProvider))
            {
                await grain.OnActivateAsync(timeout.Token).ConfigureAwait(false);
            }

            bool dispatch;
            DeactivationReason? deactivateNow;
            lock (_lock)
            {
                _grain = grain;
                _status = ActivationStatus.Valid;
                deactivateNow = _deactivationReason;
                dispatch = deactivateNow is null && ShouldScheduleDispatch();
            }

            Runtime.Metrics.ActivationCreated(GrainId.Type);
            if (deactivateNow is { } reason)
            {
                Deactivate(reason);
            }
            else if (dispatch)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }
        catch (Exception error)
        {
            Log.ActivationFailed(Runtime.Logger, GrainId, error);
            // Leave the catalog before turning Invalid: a caller that finds an Invalid activation looks up the grain again,
            // and must not find this one.
            Runtime.Catalog.Remove(this);
            IActivationWorkItem[] waiting;
            lock (_lock)
            {
                _activationError = error;
                _status = ActivationStatus.Invalid;
                waiting = [.. _queue];
                _queue.Clear();
            }

            _deactivated.TrySetResult();
            foreach (var item in waiting)
            {
                item.Fail(error);
            }
        }
    }

    /// <summary>Deactivates once no turn runs any more. Calls that arrive meanwhile go to the grain's next activation.</summary>
    public void Deactivate(DeactivationReason reason)
    {
        bool start;
        lock (_lock)
        {
            if (_status == ActivationStatus.Activating)
            {
                _deactivationReason ??= reason;
                return;
            }

            if (_status != ActivationStatus.Valid)
            {
                return;
            }

            _status = ActivationStatus.Deactivating;
            _deactivationReason = reason;
            start = TryBeginDeactivation();
        }

        if (start)
        {
            _ = RunDeactivationAsync();
        }
    }

    /// <summary>Deactivates and waits until the activation has left the catalog.</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        Deactivate(reason);
        return Deactivated;
    }

    /// <summary>Records use for idle collection: a flag write, no clock read, on the call path.</summary>
    public void MarkUsed() => _usedSinceLastScan = true;

    /// <summary>Called by the collector once per quantum; true when the activation has been idle for its collection age.</summary>
    public bool IsIdleFor(DateTimeOffset now)
    {
        if (_usedSinceLastScan)
        {
            _usedSinceLastScan = false;
            _lastUsed = now;
            return false;
        }

        lock (_lock)
        {
            if (_status != ActivationStatus.Valid || RunningCount > 0 || _queue.Count > 0)
            {
                _lastUsed = now;
                return false;
            }
        }

        return now - _lastUsed >= CollectionAge;
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    // Under _lock.
    private bool TryBeginDeactivation()
    {
        if (_deactivationStarted || RunningCount > 0)
        {
            return false;
        }

        _deactivationStarted = true;
        return true;
    }

    private async Task RunDeactivationAsync()
    {
        // Leave the thread of whoever triggered the deactivation (a grain's own turn, the collector) before running grain code.
        await Task.Yield();
        var reason = _deactivationReason ?? DeactivationReason.ApplicationRequested;
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        try
        {
            using var timeout = new CancellationTokenSource(Runtime.Options.DeactivationTimeout, Runtime.TimeProvider);
            await _grain!.OnDeactivateAsync(reason, timeout.Token).WaitAsync(Runtime.Options.DeactivationTimeout, Runtime.TimeProvider).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            Log.DeactivationFailed(Runtime.Logger, GrainId, reason, error);
        }

        Runtime.Catalog.Remove(this);
        IActivationWorkItem[] waiting;
        lock (_lock)
        {
            _status = ActivationStatus.Invalid;
            waiting = [.. _queue];
            _queue.Clear();
        }

        Runtime.Metrics.ActivationRemoved(GrainId.Type, reason);
        Log.Deactivated(Runtime.Logger, GrainId, reason);
        _deactivated.TrySetResult();
        foreach (var item in waiting)
        {
            if (item.CanReroute && !item.IsCancelled)
            {
                Runtime.Catalog.Reroute(GrainId, item);
            }
        }
    }
}
