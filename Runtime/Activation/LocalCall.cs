using Actors.Runtime.Invocation;

namespace Actors.Runtime.Activation;

/// <summary>A call made inside this silo that did not complete synchronously: it waited in a queue, or its turn went async.</summary>
internal sealed class LocalCall<TResult> : TaskCompletionSource<TResult>, IActivationWorkItem, ITimeoutTarget
{
    private readonly GrainRequest<TResult> _request;
    private ValueTask<TResult> _pending;
    private volatile bool _started;

    // The activation running the call: a queued call moves to the grain's next activation when its first one ends.
    private ActivationData _activation;

    // Continuations run asynchronously: a caller's code must never run inside the callee's dispatch loop or a timeout scan.
    public LocalCall(GrainRequest<TResult> request, ActivationData activation)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _request = request;
        _activation = activation;
    }

    public GrainMethodFlags Flags => _request.Method.Flags;

    public bool IsCancelled => Task.IsCompleted;

    public bool CanReroute => true;

    public GrainMethod Method => _request.Method;

    public GrainId Target => _activation.GrainId;

    public GrainRequest<TResult> Request => _request;

    /// <summary>The completed result as a task: the grain's own task when it returned one, so nothing is allocated again.</summary>
    public static Task<TResult> FromCompleted(ValueTask<TResult> completed) => completed.AsTask();

    public static Task<TResult> FromException(Exception error) =>
        error is OperationCanceledException canceled
            ? System.Threading.Tasks.Task.FromCanceled<TResult>(canceled.CancellationToken.IsCancellationRequested ? canceled.CancellationToken : new CancellationToken(true))
            : System.Threading.Tasks.Task.FromException<TResult>(error);

    public void Start(ActivationData activation, Grain grain)
    {
        _activation = activation;
        _started = true;
        ValueTask<TResult> pending;
        try
        {
            pending = _request.InvokeAsync(grain);
        }
        catch (Exception error)
        {
            activation.OnTurnCompleted(Flags);
            Fail(error);
            return;
        }

        if (pending.IsCompleted)
        {
            activation.OnTurnCompleted(Flags);
            SetFrom(pending);
            return;
        }

        CompleteWhenDone(pending);
    }

    /// <summary>Ends the turn and completes the call when the grain method's task completes.</summary>
    public void CompleteWhenDone(ValueTask<TResult> pending)
    {
        _started = true;
        _pending = pending;
        pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(OnPendingCompleted);
    }

    public void Fail(Exception error)
    {
        _activation.Runtime.Timeouts.Unregister(this);
        if (error is OperationCanceledException canceled)
        {
            TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            TrySetException(error);
        }
    }

    public void OnTimeout(TimeSpan timeout)
    {
        if (TrySetException(new GrainCallTimeoutException($"{_request.Method.DisplayName} on grain {Target} did not answer within {timeout}."))
            && !_started)
        {
            _activation.OnWaitingCallCancelled();
        }
    }

    private void OnPendingCompleted()
    {
        _activation.OnTurnCompleted(Flags);
        SetFrom(_pending);
    }

    private void SetFrom(ValueTask<TResult> completed)
    {
        _activation.Runtime.Timeouts.Unregister(this);
        try
        {
            TrySetResult(completed.Result);
        }
        catch (Exception error)
        {
            Fail(error);
        }
    }
}
