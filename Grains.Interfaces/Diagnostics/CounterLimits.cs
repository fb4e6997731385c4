namespace Actors.Grains.Interfaces.Diagnostics;

/// <summary>The limits of <see cref="ICounterGrain"/>.</summary>
public static class CounterLimits
{
    /// <summary>How many recent operation ids a counter remembers for deduplication.</summary>
    public const int RememberedOperations = 1024;

    /// <summary>The longest operation id accepted.</summary>
    public const int MaxOperationIdLength = 128;
}
