namespace Actors.Runtime.Tests.TestGrains;

public sealed class ProbeGrain(ProbeBoard board) : Grain, IProbeGrain
{
    private int _count;
    private int _calls;

    public async Task<int> Exclusive(string label)
    {
        await board.EnterAsync(label);
        return ++_calls;
    }

    public async Task<int> Read(string label)
    {
        await board.EnterAsync(label);
        return _calls;
    }

    public async Task<int> Interleaved(string label)
    {
        await board.EnterAsync(label);
        return 0;
    }

    public Task Slow(string label) => board.EnterAsync(label);

    public Task Fail(string message) => throw new InvalidOperationException(message);

    public Task<int> Increment() => Task.FromResult(++_count);

    public ValueTask<string> Echo(string text) => ValueTask.FromResult(text);

    public ValueTask Nothing() => ValueTask.CompletedTask;

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        board.Activations.Enqueue(GrainKey);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        board.Deactivations.Enqueue($"{GrainKey}:{reason}");
        return Task.CompletedTask;
    }
}
