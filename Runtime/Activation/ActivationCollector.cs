namespace Actors.Runtime.Activation;

/// <summary>Deactivates activations that stayed idle for their collection age; scans once per collection quantum.</summary>
internal sealed class ActivationCollector(SiloRuntime runtime) : IDisposable
{
    private ITimer? _timer;

    public void Start()
    {
        var quantum = runtime.Options.CollectionQuantum;
        _timer = runtime.TimeProvider.CreateTimer(static state => ((ActivationCollector)state!).Scan(), this, quantum, quantum);
    }

    /// <summary>One pass over the catalog; returns how many activations it asked to deactivate.</summary>
    public int Scan()
    {
        var now = runtime.TimeProvider.GetUtcNow();
        var collected = 0;
        foreach (var activation in runtime.Catalog.Activations)
        {
            collected += activation.TryCollect(now) ? 1 : 0;
        }

        return collected;
    }

    public void Dispose() => _timer?.Dispose();
}
