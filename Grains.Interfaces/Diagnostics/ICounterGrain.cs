using Orleans.Concurrency;

namespace Actors.Grains.Interfaces.Diagnostics;

/// <summary>
/// A durable counter for checking a silo or a cluster end to end (load tests, failover drills). Every increment carries an
/// operation id, so an increment retried after a timeout or a failover counts once.
/// </summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds <paramref name="delta"/> once per <paramref name="operationId"/> and returns the value after it. A repeat of one of
    /// the last <see cref="CounterLimits.RememberedOperations"/> operation ids returns the current value and adds nothing.
    /// </summary>
    Task<long> Add(string operationId, long delta);

    /// <summary>The current value.</summary>
    [ReadOnly]
    Task<long> Get();
}
