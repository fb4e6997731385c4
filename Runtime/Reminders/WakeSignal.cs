namespace Actors.Runtime.Reminders;

/// <summary>
/// Wakes one waiting loop. Signals that arrive while the loop is busy fold into one wake-up; the loop reads its state after
/// <see cref="WaitAsync"/> returns, so it never misses a change that was signalled after being made.
/// </summary>
internal sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private int _set;

    public void Set()
    {
        if (Interlocked.Exchange(ref _set, 1) == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (ObjectDisposedException)
            {
                // A timer fired as the loop was disposed: nobody waits any more.
            }
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _set, 0);
    }

    public void Dispose() => _semaphore.Dispose();
}
