namespace Actors.Runtime.Tests.TestGrains;

public interface ITickerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);

    Task Stop();

    /// <summary>Exclusive: it runs only between ticks, so it sees whole ticks only.</summary>
    Task<int> Ticks();

    Task Leave();
}

public sealed class TickerGrain : Grain, ITickerGrain
{
    private IDisposable? _timer;
    private int _ticks;

    public Task Start(TimeSpan period)
    {
        _timer = RegisterGrainTimer(_ =>
        {
            Interlocked.Increment(ref _ticks);
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task Stop()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(Volatile.Read(ref _ticks));

    public Task Leave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
