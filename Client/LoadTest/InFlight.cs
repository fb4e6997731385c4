namespace Actors.Client.LoadTest;

/// <summary>The steps of a run still running, so that the run can wait (bounded) for them before it reads the pools.</summary>
internal sealed class InFlight
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;
    private volatile bool _draining;

    /// <summary>How many steps are running.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>How many steps were still running when the drain's limit passed.</summary>
    public int Abandoned { get; private set; }

    /// <summary>Counts <paramref name="step"/> until it ends.</summary>
    public void Track(Task step)
    {
        ArgumentNullException.ThrowIfNull(step);
        Interlocked.Increment(ref _count);
        step.ContinueWith(
            _ =>
            {
                if (Interlocked.Decrement(ref _count) == 0 && _draining)
                {
                    _drained.TrySetResult();
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits until no step runs, at most <paramref name="limit"/>.</summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        _draining = true;
        if (Count == 0)
        {
            return;
        }

        if (await Task.WhenAny(_drained.Task, Task.Delay(limit)) != _drained.Task)
        {
            Abandoned = Count;
        }
    }
}
