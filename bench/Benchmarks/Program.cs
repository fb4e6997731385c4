using Actors.Benchmarks.Failover;
using Actors.Benchmarks.HotPool;
using Actors.Benchmarks.Load;
using Actors.Benchmarks.Local;
using Actors.Benchmarks.Micro;
using Actors.Benchmarks.Remote;
using Actors.Benchmarks.Stakers;
using Actors.Benchmarks.Storage;
using BenchmarkDotNet.Running;

// micro   : BenchmarkDotNet (pass its own arguments after "micro", e.g. --filter *LocalCall*)
// local   : local grain calls in one Orleans silo against plain-call and thread-pool-hop baselines, medians of --runs
// remote  : cross-silo calls between two silo processes against a raw framed TCP echo, medians of --runs
// storage : grain writes/s, --provider sqlite|postgres|redis (or several, comma-separated): group commit against one write
//           per transaction, and Orleans's Redis persistence on a private redis-server
// stakers : wallet claims in a pool with 1 staker and one with --wallets stakers (default 1,000,000), and the memory of
//           that many activated wallets
// hotpool : stakes/s into one pool staked by --wallets wallets at once, against a pool per caller in the same run,
//           --provider sqlite|postgres
// failover: time from SIGKILL of Silo processes (one silo, a zone) to all their grains answering again, with the Silo host's
//           tuned failure detection and with Orleans's defaults, --provider sqlite|postgres (build Silo in Release first)
var mode = args.FirstOrDefault() ?? "local";
var rest = args.Skip(1).ToArray();
switch (mode)
{
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(LocalCallBenchmarks).Assembly).Run(rest);
        return 0;
    case "local":
        var local = LoadSettings.Parse(rest);
        var baselines = new[] { $"plain-call x{local.Callers:N0}", $"task-hop x{local.Callers:N0}", "plain-call x1", "task-hop x1" };
        LoadReport.Print(await LocalCallScenario.RunAsync(local), baselines);
        return 0;
    case "remote":
        var remote = LoadSettings.Parse(rest);
        LoadReport.Print(await RemoteCallScenario.RunAsync(remote), $"tcp-echo x{remote.Callers:N0}", "tcp-echo x1");
        return 0;
    case "storage":
        var storage = LoadSettings.Parse(rest, provider: "sqlite,postgres,redis");
        StorageReport.Print(storage, await StorageWriteScenario.RunAsync(storage));
        return 0;
    case "stakers":
        await StakersScenario.RunAsync(StakersSettings.Parse(rest));
        return 0;
    case "hotpool":
        var hotPool = LoadSettings.Parse(rest);
        LoadReport.Print(await HotPoolScenario.RunAsync(hotPool, Arguments.Int(rest, "--wallets", 500)), HotPoolScenario.Name(false, hotPool.Callers));
        return 0;
    case "failover":
        var failover = LoadSettings.Parse(rest);
        var timings = (Arguments.Get(rest, "--timings") ?? string.Join(',', MembershipTimings.Profiles)).Split(',');
        FailoverReport.Print(await FailoverScenario.RunAsync(failover, timings));
        return 0;
    case RemoteServer.Mode:
        await RemoteServer.ServeAsync();
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}': use micro, local, remote, storage, stakers, hotpool or failover");
        return 2;
}
