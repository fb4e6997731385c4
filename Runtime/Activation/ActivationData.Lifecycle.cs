using Actors.Runtime.Diagnostics;

namespace Actors.Runtime.Activation;

internal sealed partial class ActivationData
{
    private DateTimeOffset _lastUsed;
    private volatile bool _usedSinceLastScan = true;
    private DeactivationReason? _deactivationReason;
    private bool _deactivationStarted;
    private Exception? _activationError;
    private ActivationData? _forwardTo;
    private volatile bool _defunct;

    /// <summary>Constructs the grain, reads its states and runs OnActivateAsync; then starts the calls that waited.</summary>
    public async Task ActivateAsync()
    {
        try
        {
            var grain = Construct();
            var limit = Runtime.Options.ActivationTimeout;
            using (var timeout = new CancellationTokenSource(limit, Runtime.TimeProvider))
            {
                // Bounded even when grain code ignores its token: a hung activation must fail, not sit in the catalog forever.
                if (_states.Count > 0)
                {
                    await Task.WhenAll(_states.Select(s => s.ReadStateAsync(timeout.Token))).WaitAsync(limit, Runtime.TimeProvider).ConfigureAwait(false);
                }

                await grain.OnActivateAsync(timeout.Token).WaitAsync(limit, Runtime.TimeProvider).ConfigureAwait(false);
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
            GrainTimer[] timers;
            lock (_lock)
            {
                _activationError = error;
                _status = ActivationStatus.Invalid;
                waiting = [.. _queue];
                _queue.Clear();
                timers = [.. _timers];
            }

            foreach (var timer in timers)
            {
                timer.Dispose();
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

    /// <summary>True once the activation ended with nothing to hand over: its catalog slot may be cleared.</summary>
    public bool IsDefunct => _defunct;

    /// <summary>Records use for idle collection: a flag write, no clock read, on the call path.</summary>
    public void MarkUsed() => _usedSinceLastScan = true;

    /// <summary>
    /// Called by the collector once per quantum: when the activation has been idle for its collection age, starts its
    /// deactivation in the same lock that saw it idle (no call can slip in between) and returns true.
    /// </summary>
    public bool TryCollect(DateTimeOffset now)
    {
        if (_usedSinceLastScan)
        {
            _usedSinceLastScan = false;
            _lastUsed = now;
            return false;
        }

        bool start;
        lock (_lock)
        {
            if (_status != ActivationStatus.Valid || RunningCount > 0 || _queue.Count > 0 || _usedSinceLastScan)
            {
                _lastUsed = now;
                return false;
            }

            if (now - _lastUsed < CollectionAge)
            {
                return false;
            }

            _status = ActivationStatus.Deactivating;
            _deactivationReason = DeactivationReason.IdleCollection;
            start = TryBeginDeactivation();
        }

        if (start)
        {
            _ = RunDeactivationAsync();
        }

        return true;
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_lock)
        {
            if (_status is not (ActivationStatus.Activating or ActivationStatus.Valid))
            {
                throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot start a timer.");
            }

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

        HandOver(reason);
    }

    /// <summary>
    /// Ends the activation. Calls still waiting go, in their order, to a successor activation that takes this one's place in
    /// the catalog; calls that reach this activation afterwards are forwarded behind them, so arrival order is kept.
    /// </summary>
    private void HandOver(DeactivationReason reason)
    {
        ActivationData? successor = null;
        List<IActivationWorkItem> stranded = [];
        try
        {
            lock (_lock)
            {
                var waiting = _queue.Where(item => item.CanReroute && !item.IsCancelled).ToList();
                _queue.Clear();
                if (waiting.Count > 0 && !Runtime.Catalog.IsStopping)
                {
                    successor = new ActivationData(GrainId, ClassInfo, Runtime);
                    successor.Preload(waiting);
                    _forwardTo = successor;
                }
                else
                {
                    stranded = waiting;
                    _defunct = true;
                }

                _status = ActivationStatus.Invalid;
            }

            if (successor is not null)
            {
                Runtime.Catalog.Replace(this, successor);
            }
            else
            {
                Runtime.Catalog.Remove(this);
            }

            foreach (var item in stranded)
            {
                item.Fail(new SiloUnavailableException($"Silo {Runtime.SiloAddress} is shutting down; grain {GrainId} was deactivated before the call ran.")
                {
                    CallNotRun = true, // queued, never started: the caller may send it to the grain's next activation
                });
            }
        }
        finally
        {
            _deactivated.TrySetResult();
            Runtime.Metrics.ActivationRemoved(GrainId.Type, reason);
            Log.Deactivated(Runtime.Logger, GrainId, reason);
        }
    }

    /// <summary>Queues items on a successor before anyone can reach it, so they keep their order ahead of later calls.</summary>
    private void Preload(List<IActivationWorkItem> items)
    {
        lock (_lock)
        {
            foreach (var item in items)
            {
                _queue.Enqueue(item);
            }
        }
    }

    /// <summary>Takes back the items of a successor that never entered the catalog.</summary>
    internal IActivationWorkItem[] TakeQueued()
    {
        lock (_lock)
        {
            IActivationWorkItem[] items = [.. _queue];
            _queue.Clear();
            _status = ActivationStatus.Invalid;
            _defunct = true;
            return items;
        }
    }
}
