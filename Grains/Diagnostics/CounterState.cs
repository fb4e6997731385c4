namespace Actors.Grains.Diagnostics;

/// <summary>The stored state of a counter: its value and the operation ids it applied most recently, oldest first.</summary>
public sealed class CounterState
{
    /// <summary>The value.</summary>
    public long Value { get; set; }

    /// <summary>Recent operation ids, oldest first.</summary>
    public List<string> RecentOperations { get; set; } = [];
}
