using System.Collections.Concurrent;

namespace Actors.Runtime.Tests.TestGrains;

/// <summary>Shared with probe grains through DI: lets a test hold a grain inside a call and see who is inside.</summary>
public sealed class ProbeBoard
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _entered;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Entered => Volatile.Read(ref _entered);

    public ConcurrentQueue<string> Deactivations { get; } = new();

    public ConcurrentQueue<string> Activations { get; } = new();

    public ConcurrentQueue<string> EnteredLabels { get; } = new();

    /// <summary>Calls with this label wait inside the grain until <see cref="Release"/>.</summary>
    public void Hold(string label) => _gates[label] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string label)
    {
        if (_gates.TryRemove(label, out var gate))
        {
            gate.TrySetResult();
        }
    }

    public async Task EnterAsync(string label)
    {
        Interlocked.Increment(ref _entered);
        EnteredLabels.Enqueue(label);
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }

        try
        {
            if (_gates.TryGetValue(label, out var gate))
            {
                await gate.Task.ConfigureAwait(false);
            }
            else
            {
                // Give other threads a chance to enter while this call is inside, so overlaps would show.
                await Task.Yield();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
