using Actors.Runtime.Invocation;

namespace Actors.Runtime.Activation;

internal sealed partial class ActivationData : IThreadPoolWorkItem
{
    // Bounded so that one busy activation cannot hold a pool thread forever.
    private const int MaxTurnsPerDispatch = 64;

    private int _runningExclusive;
    private int _runningReadOnly;
    private int _runningInterleaved;
    private bool _dispatchScheduled;
    private int _cancelledWaiting;

    // When the persistent states were last checked against storage (the runtime clock's timestamps; the read at activation
    // counts from the activation's creation), until when they are checked whatever the view because a check found a write by
    // another activation, and whether a check waits in the queue. See StateRefresh.
    private long _statesCheckedAt;
    private long _checkStatesUntil = long.MinValue;
    private bool _stateCheckQueued;

    private int RunningCount => _runningExclusive + _runningReadOnly + _runningInterleaved;

    /// <summary>
    /// Calls the grain. When the activation is idle the turn starts on the calling thread, and a method that completes
    /// synchronously costs no allocation beyond its result; otherwise the call waits in the queue.
    /// </summary>
    public Task<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request)
    {
        var flags = request.Method.Flags;
        LocalCall<TResult> call;
        bool dispatch;
        MarkUsed();
        lock (_lock)
        {
            QueueStateCheckIfDue();
            if (_status == ActivationStatus.Valid && (_queue.Count == 0 || IsInterleaved(flags)) && CanStart(flags))
            {
                MarkStarted(flags);
                goto RunInline;
            }

            if (_status == ActivationStatus.Invalid)
            {
                // A failed activation answers the calls that reached it with its error; the next lookup tries afresh.
                if (_activationError is { } error)
                {
                    return LocalCall<TResult>.FromException(error);
                }

                goto Reroute;
            }

            // Registered before it is queued, so that its completion always unregisters it.
            call = new LocalCall<TResult>(request, this);
            Runtime.Timeouts.Register(call, request.Method);
            _queue.Enqueue(call);
            dispatch = ShouldScheduleDispatch();
        }

        if (dispatch)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return call.Task;

    Reroute:
        // Behind the calls handed to the successor, if there is one; otherwise wherever the catalog sends the grain now.
        return _forwardTo is { } successor ? successor.InvokeAsync(request) : Runtime.Catalog.InvokeAsync(GrainId, request);

    RunInline:
        ValueTask<TResult> pending;
        try
        {
            pending = request.InvokeAsync(_grain!);
        }
        catch (Exception error)
        {
            OnTurnCompleted(flags);
            return LocalCall<TResult>.FromException(error);
        }

        if (pending.IsCompleted)
        {
            OnTurnCompleted(flags);
            return LocalCall<TResult>.FromCompleted(pending);
        }

        call = new LocalCall<TResult>(request, this);
        Runtime.Timeouts.Register(call, request.Method);
        call.CompleteWhenDone(pending);
        return call.Task;
    }

    /// <summary>
    /// Queues a turn. Returns false when the activation is gone, so the caller can take the item elsewhere; an activation that
    /// failed to activate fails the item with its error instead.
    /// </summary>
    public bool TryEnqueue(IActivationWorkItem item)
    {
        bool dispatch;
        lock (_lock)
        {
            if (_status == ActivationStatus.Invalid && _activationError is null)
            {
                goto Forward;
            }

            if (_status == ActivationStatus.Invalid)
            {
                goto Failed;
            }

            QueueStateCheckIfDue();
            _queue.Enqueue(item);
            dispatch = ShouldScheduleDispatch();
        }

        if (dispatch)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return true;

    Failed:
        item.Fail(_activationError!);
        return true;

    Forward:
        return _forwardTo is { } successor && successor.TryEnqueue(item);
    }

    /// <summary>Ends a turn started for an item with these flags; starts waiting turns or a pending deactivation.</summary>
    public void OnTurnCompleted(GrainMethodFlags flags)
    {
        bool dispatch = false, deactivate = false;
        lock (_lock)
        {
            AddRunning(flags, -1);

            if (_status == ActivationStatus.Deactivating)
            {
                deactivate = TryBeginDeactivation();
            }
            else
            {
                dispatch = ShouldScheduleDispatch();
            }
        }

        if (dispatch)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        else if (deactivate)
        {
            _ = RunDeactivationAsync();
        }
    }

    /// <summary>Runs waiting turns on a pool thread, as many as the scheduling rules allow.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        for (var turns = 0; turns < MaxTurnsPerDispatch; turns++)
        {
            IActivationWorkItem? item;
            lock (_lock)
            {
                if (_status != ActivationStatus.Valid)
                {
                    _dispatchScheduled = false;
                    return;
                }

                while (_queue.TryPeek(out item) && item.IsCancelled)
                {
                    _queue.Dequeue();
                }

                if (item is null || !CanStart(item.Flags))
                {
                    _dispatchScheduled = false;
                    return;
                }

                _queue.Dequeue();
                MarkStarted(item.Flags);
            }

            StartSafely(item);
        }

        // Still busy after a full share of turns: go to the back of the pool's queue and let others run.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    // Work items end their own turns, but one that throws while starting must not take the pool thread (and the process) down.
    private void StartSafely(IActivationWorkItem item)
    {
        try
        {
            item.Start(this, _grain!);
        }
        catch (Exception error)
        {
            Diagnostics.Log.TurnFailedToStart(Runtime.Logger, GrainId, error);
            item.Fail(error);
            OnTurnCompleted(item.Flags);
        }
    }

    /// <summary>
    /// Called when a call that was still waiting timed out. Such calls are dropped when they reach the head of the queue, but
    /// behind a stuck turn they would pile up; once they are half the queue it is swept (amortized O(1) per timed-out call).
    /// </summary>
    public void OnWaitingCallCancelled()
    {
        lock (_lock)
        {
            if (++_cancelledWaiting * 2 < _queue.Count)
            {
                return;
            }

            var live = _queue.Where(item => !item.IsCancelled).ToArray();
            _queue.Clear();
            foreach (var item in live)
            {
                _queue.Enqueue(item);
            }

            _cancelledWaiting = 0;
        }
    }

    // Under _lock: while the view is unsettled, and once after, a check of the persistent states goes ahead of the item being
    // queued, as an exclusive turn. A check that has not started yet serves every item queued behind it.
    private void QueueStateCheckIfDue()
    {
        if (!_stateCheckQueued && _states.Count > 0 && _status is ActivationStatus.Activating or ActivationStatus.Valid
            && _statesCheckedAt < Math.Max(Runtime.Membership.ViewSettledAt, _checkStatesUntil))
        {
            _stateCheckQueued = true;
            _queue.Enqueue(new StateRefresh());
        }
    }

    /// <summary>Checks the persistent states against storage, re-reading those another activation wrote; run by <see cref="StateRefresh"/>.</summary>
    internal async Task CheckStatesAsync()
    {
        var clock = Runtime.TimeProvider;
        lock (_lock)
        {
            // Calls queued from now on arrive after this check has begun reading: they need a check of their own.
            _stateCheckQueued = false;
            _statesCheckedAt = clock.GetTimestamp();
        }

        var moved = await Task.WhenAll(_states.Select(s => s.RefreshAsync(CancellationToken.None))).ConfigureAwait(false);
        if (moved.Contains(true))
        {
            var until = clock.GetTimestamp() + Runtime.Membership.Timestamps(Runtime.Membership.ViewSettleTime);
            lock (_lock)
            {
                _checkStatesUntil = until;
            }
        }
    }

    private static bool IsInterleaved(GrainMethodFlags flags) => (flags & GrainMethodFlags.AlwaysInterleave) != 0;

    // Exclusive turns run alone; read-only turns run beside each other; always-interleave turns run beside anything.
    private bool CanStart(GrainMethodFlags flags) =>
        (flags & GrainMethodFlags.AlwaysInterleave) != 0
        || ((flags & GrainMethodFlags.ReadOnly) != 0 ? _runningExclusive == 0 : _runningExclusive == 0 && _runningReadOnly == 0);

    private void MarkStarted(GrainMethodFlags flags) => AddRunning(flags, 1);

    private void AddRunning(GrainMethodFlags flags, int delta)
    {
        if ((flags & GrainMethodFlags.AlwaysInterleave) != 0)
        {
            _runningInterleaved += delta;
        }
        else if ((flags & GrainMethodFlags.ReadOnly) != 0)
        {
            _runningReadOnly += delta;
        }
        else
        {
            _runningExclusive += delta;
        }
    }

    private bool ShouldScheduleDispatch()
    {
        if (_status != ActivationStatus.Valid || _dispatchScheduled || !_queue.TryPeek(out var head))
        {
            return false;
        }

        if (!head.IsCancelled && !CanStart(head.Flags))
        {
            return false;
        }

        _dispatchScheduled = true;
        return true;
    }
}
