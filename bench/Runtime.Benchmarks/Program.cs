using Actors.Runtime.Benchmarks.Load;
using Actors.Runtime.Benchmarks.Micro;
using BenchmarkDotNet.Running;

// micro   : BenchmarkDotNet (pass its own arguments after "micro", e.g. --filter *Local*)
// local   : local grain calls against plain and thread-pool-hop baselines, medians of --runs
// storage : grain state writes per second through group commit, --provider sqlite|postgres
// remote  : cross-silo calls between two silo processes against a raw framed TCP echo, medians of --runs
// stakers : wallet claims in a pool with 1 staker and one with --wallets stakers (default 1,000,000), and the memory of
//           that many activated wallets
// failover: time from SIGKILL of a silo process to all of its grains answering again (build Silo in Release first)
var mode = args.FirstOrDefault() ?? "local";
var rest = args.Skip(1).ToArray();
switch (mode)
{
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(LocalCallBenchmarks).Assembly).Run(rest);
        return 0;
    case "local":
        Report(await LocalCallScenario.RunAsync(LoadSettings.Parse(rest)));
        return 0;
    case "remote":
        Report(await RemoteCallScenario.RunAsync(LoadSettings.Parse(rest)));
        return 0;
    case "failover":
        var failovers = await FailoverScenario.RunAsync(LoadSettings.Parse(rest));
        Console.WriteLine($"cores: {Environment.ProcessorCount}; medians:");
        foreach (var group in failovers.GroupBy(f => f.Name))
        {
            var sorted = group.OrderBy(f => f.AllAnswered).ToList();
            Console.WriteLine($"  {sorted[sorted.Count / 2]}");
        }

        return 0;
    case "serve-remote":
        await RemoteCallScenario.ServeAsync(rest[0]);
        return 0;
    case "stakers":
        await StakersScenario.RunAsync(StakersSettings.Parse(rest));
        return 0;
    case "storage":
        Report(await StorageWriteScenario.RunAsync(LoadSettings.Parse(rest)));
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}': use micro, local, storage, stakers, remote or failover");
        return 2;
}

static void Report(IReadOnlyList<LoadResult> results)
{
    Console.WriteLine($"cores: {Environment.ProcessorCount}, server GC: {System.Runtime.GCSettings.IsServerGC}");
    Console.WriteLine("runs:");
    foreach (var result in results)
    {
        Console.WriteLine("  " + result);
    }

    Console.WriteLine("medians:");
    foreach (var group in results.GroupBy(r => r.Name))
    {
        Console.WriteLine("  " + LoadResult.Median(group.ToList()));
    }
}
