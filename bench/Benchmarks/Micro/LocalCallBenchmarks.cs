using Actors.Benchmarks.Grains;
using Actors.Benchmarks.Hosting;
using BenchmarkDotNet.Attributes;

namespace Actors.Benchmarks.Micro;

/// <summary>
/// One caller, one grain in the same Orleans silo, against a plain Task-returning interface call. Each invocation awaits
/// <see cref="Calls"/> calls one after another, as an async caller does: an Orleans call completes on another thread, and
/// blocking on each call would measure the wake-up of a blocked thread instead of the call.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class LocalCallBenchmarks
{
    private const int Calls = 1_000;

    private BenchSilo _silo = null!;
    private IPingGrain _grain = null!;
    private IPlainService _plain = null!;

    // Synchronous on purpose: the in-process toolchain must not start the workload before the silo is up.
    [GlobalSetup]
    public void Setup()
    {
        _silo = BenchSilo.StartAsync().GetAwaiter().GetResult();
        _grain = _silo.GrainFactory.GetGrain<IPingGrain>("bench");
        _plain = new PlainService();
        _grain.Ping(0).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public async Task<int> PlainTaskCall()
    {
        var sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += await _plain.Ping(1);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task<int> LocalGrainCall()
    {
        var sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += await _grain.Ping(1);
        }

        return sum;
    }
}
