namespace Actors.Runtime.Benchmarks.Grains;

public interface IPingGrain : IGrainWithStringKey
{
    Task<int> Ping(int value);

    /// <summary>Yields once inside the grain, so the call completes asynchronously (the queued/async path).</summary>
    Task<int> PingYield(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    public Task<int> Ping(int value) => Task.FromResult(value + ++_calls);

    public async Task<int> PingYield(int value)
    {
        await Task.Yield();
        return value + ++_calls;
    }
}

public sealed class BenchState
{
    public long Value { get; set; }

    public string Payload { get; set; } = string.Empty;
}

public interface IWriterGrain : IGrainWithStringKey
{
    Task Write(long value);
}

public sealed class WriterGrain([PersistentState("bench")] IPersistentState<BenchState> state) : Grain, IWriterGrain
{
    // About 200 bytes of JSON per record, like a small wallet checkpoint.
    private static readonly string Payload = new('x', 160);

    public Task Write(long value)
    {
        state.State.Value = value;
        state.State.Payload = Payload;
        return state.WriteStateAsync();
    }
}
