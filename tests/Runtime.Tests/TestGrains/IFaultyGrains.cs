namespace Actors.Runtime.Tests.TestGrains;

/// <summary>A grain whose activation waits on a gate that ignores its token, as careless grain code does.</summary>
public interface IStuckActivationGrain : IGrainWithStringKey
{
    Task<int> Ping();
}

public sealed class StuckActivationGrain : Grain, IStuckActivationGrain
{
    public static readonly TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Gate.Task;

    public Task<int> Ping() => Task.FromResult(1);
}

/// <summary>A grain whose timer callback returns null instead of a task.</summary>
public interface INullTimerGrain : IGrainWithStringKey
{
    Task Arm();

    Task<int> Ping();
}

public sealed class NullTimerGrain : Grain, INullTimerGrain
{
    public Task Arm()
    {
        RegisterGrainTimer(_ => null!, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    public Task<int> Ping() => Task.FromResult(1);
}
