using System.Diagnostics;

namespace Actors.Runtime.Testing;

/// <summary>Bounded waits for conditions that other threads bring about.</summary>
public static class Wait
{
    /// <summary>The bound used when a test gives none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Polls until the condition holds; throws <see cref="TimeoutException"/> with the description after the bound.</summary>
    public static async Task UntilAsync(Func<bool> condition, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var bound = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > bound)
            {
                throw new TimeoutException($"Gave up after {bound} waiting for: {description}");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <summary>Polls an async condition until it holds, bounded like <see cref="UntilAsync(Func{bool}, string, TimeSpan?)"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var bound = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (clock.Elapsed > bound)
            {
                throw new TimeoutException($"Gave up after {bound} waiting for: {description}");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <summary>Awaits a task, failing with the description if it does not complete within the bound.</summary>
    public static async Task<T> ForAsync<T>(Task<T> task, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var bound = timeout ?? DefaultTimeout;
        try
        {
            return await task.WaitAsync(bound).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Gave up after {bound} waiting for: {description}");
        }
    }
}
