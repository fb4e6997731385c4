using System.Diagnostics;

namespace Actors.Testing;

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
        while (!await WithinAsync(condition(), bound - clock.Elapsed, description).ConfigureAwait(false))
        {
            if (clock.Elapsed > bound)
            {
                throw new TimeoutException($"Gave up after {bound} waiting for: {description}");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    // A condition that never completes must still end the wait at the bound.
    private static async Task<bool> WithinAsync(Task<bool> check, TimeSpan left, string description)
    {
        try
        {
            return await check.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!check.IsCompleted)
        {
            throw new TimeoutException($"Gave up waiting for: {description} (the check itself did not complete)");
        }
    }

    /// <summary>Awaits a task without a result, failing with the description if it does not complete within the bound.</summary>
    public static Task ForAsync(Task task, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        return ForAsync(task.ContinueWith(static t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default), description, timeout);
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
