using System.Globalization;
using Actors.Benchmarks.Logins;

// commit : per store (--provider sqlite,postgres) and size (--sizes 1000,100000,1000000), --runs fresh stores: N records
//          committed as one batch against the same root built in memory, inclusion proofs, and a consistency proof between
//          two batches of N/2; medians printed at the end
// signin : sign-ins/s against a running silo (--url), --clients concurrent clients, --seconds, --wallets keys from --seed and
//          --from; prints "signed_in refused seconds"
var mode = args.FirstOrDefault() ?? "commit";
string? Get(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
int Int(string name, int fallback) => Get(name) is { } value ? int.Parse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
switch (mode)
{
    case "commit":
        var results = new List<CommitResult>();
        var sizes = (Get("--sizes") ?? "1000,100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        for (var run = 1; run <= Int("--runs", 3); run++)
        {
            foreach (var provider in (Get("--provider") ?? "sqlite,postgres").Split(','))
            {
                foreach (var size in sizes)
                {
                    var result = await CommitScenario.RunAsync(provider, size);
                    CommitReport.PrintRun(run, result);
                    results.Add(result);
                }
            }
        }

        CommitReport.PrintSummary(results);
        return 0;
    case "signin":
        var (signedIn, refused, seconds) = await SignInDriver.RunAsync(
            new Uri(Get("--url") ?? "http://127.0.0.1:18680/"), Get("--seed") ?? "logins-bench", Int("--from", 0), Int("--wallets", 20_000),
            Int("--clients", 64), TimeSpan.FromSeconds(Int("--seconds", 20)), CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{signedIn} {refused} {seconds:F2}"));
        return refused == 0 ? 0 : 1;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}': use commit or signin");
        return 2;
}
