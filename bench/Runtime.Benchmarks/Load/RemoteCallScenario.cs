using System.Buffers;
using System.Diagnostics;
using System.Text;
using Actors.Runtime.Benchmarks.Grains;
using Actors.Runtime.Invocation;
using Actors.Runtime.Messaging;
using Actors.Runtime.Placement;
using Actors.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Benchmarks.Load;

/// <summary>
/// Cross-silo calls between two silo processes: this process hosts the calling silo, a child process (this program in
/// <c>serve-remote</c> mode) hosts the silo that owns every grain called, and the two share a SQLite membership table.
/// The baseline, in the same run and between the same two processes, is a raw framed TCP echo on one connection with the
/// same number of callers. Each run measures saturation (closed loop), then the latency at half the saturated rate and at half
/// the target rate (open loop).
/// </summary>
public static class RemoteCallScenario
{
    private const string ClusterId = "bench-remote";

    // DESIGN.md section 6: at least 250,000 calls/s, with p99 at most 2 ms at half that load.
    private const double TargetRate = 250_000;

    public static async Task<IReadOnlyList<LoadResult>> RunAsync(LoadSettings settings)
    {
        var folder = Directory.CreateTempSubdirectory("bench-remote-");
        using var child = StartChild(folder.FullName);
        try
        {
            var ready = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The serving process exited before it was ready.");
            var echoPort = int.Parse(ready.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

            await using var silo = await TestSilo.StartAsync(settings: SiloSettings(folder.FullName)).ConfigureAwait(false);
            var runtime = silo.Services.GetRequiredService<SiloRuntime>();
            await Wait.UntilAsync(() => runtime.Membership.View.Active.Count == 2, "both silos to be active", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            var remote = runtime.Membership.View.Active.Single(m => m.Silo != runtime.SiloAddress).Silo;
            var grainType = GrainRegistry.GetInterface(typeof(IPingGrain)).GrainType;
            var keys = Enumerable.Range(0, int.MaxValue).Select(i => $"remote-{i}")
                .Where(k => RendezvousPlacement.Owner(GrainId.Create(grainType, k), runtime.Membership.View.Active) == remote)
                .Take(settings.Callers).ToArray();
            var grains = keys.Select(k => silo.GrainFactory.GetGrain<IPingGrain>(k)).ToArray();
            await Task.WhenAll(grains.Select(g => g.Ping(0))).ConfigureAwait(false);
            var frame = RequestFrameLength(grainType, keys[0]);
            Console.WriteLine($"request frame: {frame} bytes; echo frames of the same size; callers: {settings.Callers}");
            await using var echo = await RawEcho.Client.ConnectAsync(echoPort, frame).ConfigureAwait(false);

            var results = new List<LoadResult>();
            for (var run = 0; run < settings.Runs; run++)
            {
                var baseline = await ClosedLoopLoad.RunAsync($"tcp-echo x{settings.Callers}", settings.Callers, settings.Warmup, settings.Duration, _ => echo.EchoAsync).ConfigureAwait(false);
                var saturated = await ClosedLoopLoad.RunAsync($"remote-grain x{settings.Callers}", settings.Callers, settings.Warmup, settings.Duration, i => () => grains[i].Ping(1)).ConfigureAwait(false);
                results.Add(baseline);
                results.Add(saturated);
                var next = 0;
                results.Add(await PacedLoad.RunAsync("remote-grain at half load", saturated.PerSecond / 2, settings.Duration,
                    () => grains[(int)((uint)Interlocked.Increment(ref next) % (uint)grains.Length)].Ping(1)).ConfigureAwait(false));
                results.Add(await PacedLoad.RunAsync("tcp-echo at the same load", saturated.PerSecond / 2, settings.Duration, echo.EchoAsync).ConfigureAwait(false));
                results.Add(await PacedLoad.RunAsync("remote-grain at 125,000/s", TargetRate / 2, settings.Duration,
                    () => grains[(int)((uint)Interlocked.Increment(ref next) % (uint)grains.Length)].Ping(1)).ConfigureAwait(false));
                results.Add(await ClosedLoopLoad.RunAsync("remote-grain x1", 1, settings.Warmup, settings.Duration, _ => () => grains[0].Ping(1)).ConfigureAwait(false));
                results.Add(await ClosedLoopLoad.RunAsync("tcp-echo x1", 1, settings.Warmup, settings.Duration, _ => echo.EchoAsync).ConfigureAwait(false));
            }

            return results;
        }
        finally
        {
            child.StandardInput.Close();
            if (!child.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                child.Kill(entireProcessTree: true);
            }

            folder.Delete(recursive: true);
        }
    }

    /// <summary>The child's side: the silo that owns the grains and the echo server, until standard input closes.</summary>
    public static async Task ServeAsync(string folder)
    {
        using var stopping = new CancellationTokenSource();
        await using var silo = await TestSilo.StartAsync(settings: SiloSettings(folder)).ConfigureAwait(false);
        var echoPort = RawEcho.StartServer(stopping.Token);
        Console.WriteLine($"ready {echoPort}");
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        await stopping.CancelAsync().ConfigureAwait(false);
    }

    private static Dictionary<string, string?> SiloSettings(string folder) => new()
    {
        ["Storage:Provider"] = "sqlite",
        ["Storage:Path"] = folder,
        ["Silo:ClusterId"] = ClusterId,
    };

    private static Process StartChild(string folder)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(RemoteCallScenario).Assembly.Location);
        info.ArgumentList.Add("serve-remote");
        info.ArgumentList.Add(folder);
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private static int RequestFrameLength(string grainType, string key)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MessageCodec.Write(buffer, new Message
        {
            Kind = MessageKind.Request, CorrelationId = 1, Target = GrainId.Create(grainType, key), MethodId = 1,
            DeadlineUnixMs = 1, Payload = Encoding.UTF8.GetBytes("[1]"),
        });
        return buffer.WrittenCount;
    }
}
