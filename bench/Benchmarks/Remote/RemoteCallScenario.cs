using System.Globalization;
using System.Net;
using Actors.Benchmarks.Grains;
using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Load;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Actors.Benchmarks.Remote;

/// <summary>
/// Cross-silo calls between two silo processes: a child process (<see cref="RemoteServer"/>) hosts the first silo and a raw
/// echo server; this process hosts a second silo that leaves <see cref="PingGrain"/> out of its grain classes, so Orleans
/// places every grain called on the child (checked before measuring). The baseline, in the same run and between the same
/// two processes, is a framed TCP echo on one connection with the same number of callers and frames the size of the
/// grain calls' requests. Each run measures saturation (closed loop), then latency at half the saturated rate (open loop).
/// </summary>
internal static class RemoteCallScenario
{
    public static async Task<IReadOnlyList<LoadResult>> RunAsync(LoadSettings settings)
    {
        using var child = RemoteServer.Start();
        try
        {
            var ready = await RemoteServer.ReadyLineAsync(child).WaitAsync(TimeSpan.FromSeconds(120));
            var ports = ready.Split(' ')[1..].Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            await using var silo = await BenchSilo.StartAsync(new BenchSiloOptions
            {
                Primary = new IPEndPoint(IPAddress.Loopback, ports[0]),
                Configure = (builder, _) =>
                    builder.Services.PostConfigure<GrainTypeOptions>(o => o.Classes.Remove(typeof(PingGrain))),
            });
            var grains = await RemoteGrainsAsync(silo, settings.Callers);
            var frame = await RequestSizeAsync(grains[0]);
            Console.WriteLine($"request: {frame} bytes (mean Orleans request); echo frames of that size; callers: {settings.Callers:N0}");
            await using var echo = await RawEchoClient.ConnectAsync(ports[1], frame);
            return await MeasureAsync(settings, grains, echo);
        }
        finally
        {
            child.StandardInput.Close();
            if (!child.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<List<LoadResult>> MeasureAsync(LoadSettings settings, IPingGrain[] grains, RawEchoClient echo)
    {
        var n = settings.Callers;
        Task<LoadResult> Closed(string name, int callers, Func<int, Func<Task>> caller) =>
            ClosedLoopLoad.RunAsync(name, callers, settings.Warmup, settings.Duration, caller);
        var results = new List<LoadResult>();
        var next = 0;
        Task AnyGrain() => grains[(int)((uint)Interlocked.Increment(ref next) % (uint)grains.Length)].Ping(1);
        for (var run = 0; run < settings.Runs; run++)
        {
            var baseline = await Closed($"tcp-echo x{n:N0}", n, _ => echo.EchoAsync);
            var saturated = await Closed($"remote-grain x{n:N0}", n, i => () => grains[i].Ping(1));
            results.Add(baseline);
            results.Add(saturated);
            var half = saturated.PerSecond / 2;
            results.Add(await PacedLoad.RunAsync("remote-grain at half load", half, settings.Duration, AnyGrain));
            results.Add(await PacedLoad.RunAsync("tcp-echo at the same load", half, settings.Duration, echo.EchoAsync));
            results.Add(await Closed("remote-grain x1", 1, _ => () => grains[0].Ping(1)));
            results.Add(await Closed("tcp-echo x1", 1, _ => echo.EchoAsync));
        }

        return results;
    }

    // The grains, each activated and checked to live on the other silo.
    private static async Task<IPingGrain[]> RemoteGrainsAsync(BenchSilo silo, int count)
    {
        var factory = silo.GrainFactory;
        var management = factory.GetGrain<IManagementGrain>(0);
        await Wait.UntilAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, "both silos to be active",
            TimeSpan.FromSeconds(60));
        // This silo learns that the other hosts the grain class from the cluster manifest, a moment after joining.
        await Wait.UntilAsync(async () =>
        {
            try
            {
                return await factory.GetGrain<IPingGrain>("remote-0").Host() is { Length: > 0 };
            }
            catch (Exception error) when (error is ArgumentException or OrleansException)
            {
                return false;
            }
        }, "the other silo's grain classes to be known", TimeSpan.FromSeconds(60));
        var grains = Enumerable.Range(0, count).Select(i => factory.GetGrain<IPingGrain>($"remote-{i}")).ToArray();
        var local = silo.Endpoint.ToString();
        var hosts = await Task.WhenAll(grains.Select(g => g.Host()));
        if (hosts.Any(h => h.Contains(local, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("A grain was placed on the calling silo; the benchmark would not measure remote calls.");
        }

        return grains;
    }

    private static async Task<int> RequestSizeAsync(IPingGrain grain)
    {
        using var probe = new MessageSizeProbe();
        for (var i = 0; i < 1_000; i++)
        {
            await grain.Ping(i);
        }

        return probe.MeanRequestBytes > 0
            ? probe.MeanRequestBytes
            : throw new InvalidOperationException("Orleans reported no request sizes.");
    }
}
