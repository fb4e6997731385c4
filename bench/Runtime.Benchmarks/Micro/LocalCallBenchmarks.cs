using Actors.Runtime.Benchmarks.Grains;
using Actors.Runtime.Testing;
using BenchmarkDotNet.Attributes;

namespace Actors.Runtime.Benchmarks.Micro;

/// <summary>One caller, one grain in the same silo, against a plain Task-returning interface call.</summary>
[MemoryDiagnoser]
[InProcess]
public class LocalCallBenchmarks
{
    private TestSilo _silo = null!;
    private IPingGrain _grain = null!;
    private IPlainService _plain = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _silo = await TestSilo.StartAsync();
        _grain = _silo.GrainFactory.GetGrain<IPingGrain>("bench");
        _plain = new PlainService();
        await _grain.Ping(0);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _silo.DisposeAsync();

    [Benchmark(Baseline = true)]
    public Task<int> PlainTaskCall() => _plain.Ping(1);

    [Benchmark]
    public Task<int> LocalGrainCall() => _grain.Ping(1);
}
