namespace Actors.Benchmarks.Grains;

[GrainType("bench-ping")]
public sealed class PingGrain(ILocalSiloDetails silo) : Grain, IPingGrain
{
    private int _calls;

    public Task<int> Ping(int value) => Task.FromResult(value + ++_calls);

    public async Task<int> PingYield(int value)
    {
        await Task.Yield();
        return value + ++_calls;
    }

    public Task<string> Host() => Task.FromResult(silo.SiloAddress.ToString());
}
