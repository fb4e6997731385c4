using System.CommandLine;
using System.Globalization;
using Actors.Client.Cluster;
using Actors.Grains.Interfaces.Security;

namespace Actors.Client.LoadTest;

/// <summary>
/// <c>loadtest</c>: drives simulated wallets against a silo's REST API and writes a report (text on stdout, report.json and
/// report.html), then checks the pools against what the silo acknowledged. Exit 0 when every check passed, 1 when one failed
/// or the run could not start, 2 for bad input (each wrong option named on stderr, nothing sent).
/// </summary>
internal static class LoadTestCommand
{
    private static readonly Option<string?> Wallets = new("--wallets") { Description = "How many distinct simulated wallets (1 to 10000000)." };
    private static readonly Option<string?> Duration = new("--duration") { Description = "Seconds to run, ramp-up included (1 to 86400)." };
    private static readonly Option<string?> Http = new("--http")
    {
        Description = "Base URL of the silo's REST API, e.g. http://127.0.0.1:8080: the target, or with --gateway only where /metrics is read.",
    };

    private static readonly Option<string?> Seed = new("--seed") { Description = "Text the wallets' keys derive from (default actors-loadtest): the same seed, the same wallets." };
    private static readonly Option<string?> OperatorKeyFile = new("--operator-key-file")
    {
        Description = $"File holding the operator key (deposits, mints, pool set-up, /metrics); default ${TransportOptions.OperatorKeyVariable}. Needed unless the mix only reads.",
    };

    private static readonly Option<string?> Mix = new("--mix") { Description = $"Scenario weights, e.g. stake=50,claim=20,read=30 (default {ScenarioMix.Default})." };
    private static readonly Option<string?> ScenarioOption = new("--scenario") { Description = "One scenario alone instead of a mix: health (GET /healthz, the bare baseline), or any mix name." };
    private static readonly Option<string?> Rate = new("--rate") { Description = "Open loop: steps started per second (1 to 1000000), whatever the answers." };
    private static readonly Option<string?> Concurrency = new("--concurrency")
    {
        Description = "Closed loop: steps in flight at once (default 64); with --rate, the most in flight (default 10000) before steps are dropped.",
    };

    private static readonly Option<string?> RampUp = new("--ramp-up") { Description = "Seconds over which the rate or the concurrency grows from nothing (default 0)." };
    private static readonly Option<string?> Pools = new("--pools") { Description = "Pools the run creates and stakes into (1 to 64, default 4)." };
    private static readonly Option<string?> Sessions = new("--sessions") { Description = "Wallets holding a session at once (default 65536, 320 bytes each); others sign in again when used." };
    private static readonly Option<string?> Report = new("--report") { Description = "Folder for report.json and report.html (default: the current folder)." };

    public static Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var command = new Command("loadtest", "Drives simulated wallets against a silo, shows progress, writes a report and checks the pools.");
        var gateway = new GatewayOptions();
        gateway.AddTo(command);
        foreach (var option in (Option[])[Wallets, Duration, Http, Seed, OperatorKeyFile, Mix, ScenarioOption, Rate, Concurrency, RampUp, Pools, Sessions, Report])
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) => RunAsync(result, services, gateway, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CommandServices services, GatewayOptions gateway, CancellationToken cancellationToken)
    {
        var (output, errors) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
        var input = new CommandInput(result, overHttp: true, services.Variable);
        var cluster = result.GetResult(gateway.Gateways) is { Implicit: false } ? gateway.Read(result, services.Variable) : null;
        var settings = Read(input, services, cluster is not null);
        ClusterCertificate? certificate = null;
        var problem = cluster?.Validate() ?? (cluster is null || cluster.TryLoadCertificate(services.Time, out certificate, out var unreadable) ? null : unreadable);
        if (input.Failed || settings is null || problem is not null)
        {
            foreach (var error in problem is null ? input.Errors : [.. input.Errors, problem])
            {
                await errors.WriteLineAsync(error);
            }

            return 2;
        }

        using var owned = certificate;
        using var http = settings.Url is null ? null : services.CreateHttpClient(settings.Url);
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        LoadResult run;
        IClusterConnection? connection = null;
        try
        {
            if (cluster is not null)
            {
                using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                connecting.CancelAfter(cluster.Timeout);
                connection = await services.ConnectCluster(cluster, certificate, connecting.Token);
            }

            Func<RunStats, ILoadTarget> targets = connection is null
                ? stats => new RestTarget(new LoadClient(http!, stats, settings.OperatorKey), new LoadClient(http!, new RunStats(0, 1), settings.OperatorKey))
                : stats => new ClusterTarget(connection.Grains, stats, services.Time);
            var metrics = new ServerMetrics(http, settings.OperatorKey);
            run = await new ProgressDisplay(output, terminal).RunAsync(
                progress => new LoadDriver(settings, targets, metrics, services.Time, progress).RunAsync(cancellationToken));
        }
        catch (LoadTestException error)
        {
            await errors.WriteLineAsync(error.Message);
            return 1;
        }
        catch (Exception error) when (ClusterFaults.IsFault(error) || error is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await errors.WriteLineAsync($"cluster '{cluster?.ClusterId}' did not answer: {error.Message}");
            return 1;
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        var checks = CorrectnessCheck.Run(run.Pools, run.Ledger, run.Stats.ServerErrors);
        var report = LoadReport.From(run, checks);
        Directory.CreateDirectory(settings.ReportDirectory);
        await File.WriteAllTextAsync(Path.Combine(settings.ReportDirectory, "report.json"), report.ToJson(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(settings.ReportDirectory, "report.html"), ReportHtml.Format(report), cancellationToken);
        await output.WriteAsync(ReportText.Format(report));
        if (run.Abandoned > 0)
        {
            await errors.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{run.Abandoned} steps were still running 30 s after the end"));
        }

        return report.Passed ? 0 : 1;
    }

    private static LoadTestSettings? Read(CommandInput input, CommandServices services, bool throughCluster)
    {
        var wallets = Whole(input, Wallets, 1, 10_000_000, null);
        var duration = Whole(input, Duration, 1, 86_400, null);
        var rampUp = Whole(input, RampUp, 0, 86_400, 0);
        if (rampUp >= duration)
        {
            input.Error(RampUp, "must be shorter than --duration");
        }

        Uri? url = null;
        if (input.Text(Http) is not { } httpText)
        {
            if (!throughCluster)
            {
                input.Error(Http, "is required: the base URL of the silo's REST API (or --gateway host:port for the cluster client)");
            }
        }
        else if ((url = SiloUrl.Parse(httpText, out var urlError)) is null)
        {
            input.Error(Http, urlError!);
        }

        var mix = ReadMix(input);
        var rate = input.Text(Rate) is null ? (int?)null : Whole(input, Rate, 1, 1_000_000, null);
        var concurrency = Whole(input, Concurrency, 1, 1_000_000, rate is null ? 64 : 10_000);
        var operatorKey = ReadOperatorKey(input, services);
        if (mix is { Writes: true } && operatorKey is null && !throughCluster)
        {
            input.Error(OperatorKeyFile, $"is required for a mix that writes (deposits and mints are operator calls), or set {TransportOptions.OperatorKeyVariable}");
        }

        var seed = input.Text(Seed) ?? "actors-loadtest";
        if (seed.Length is 0 or > 256)
        {
            input.Error(Seed, "must be 1 to 256 characters");
        }

        var pools = Whole(input, Pools, 1, 64, 4);
        var sessions = Whole(input, Sessions, 1, 10_000_000, 65_536);
        var report = input.Text(Report) ?? ".";
        return input.Failed || (url is null && !throughCluster) || mix is null
            ? null
            : new LoadTestSettings(
                url, wallets, TimeSpan.FromSeconds(duration), TimeSpan.FromSeconds(rampUp), rate, concurrency, mix, seed, operatorKey, pools,
                sessions, report, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4)));
    }

    private static ScenarioMix? ReadMix(CommandInput input)
    {
        if (input.Text(ScenarioOption) is { } name)
        {
            if (input.Text(Mix) is not null)
            {
                input.Error(ScenarioOption, "and --mix cannot both be given");
                return null;
            }

            if (string.Equals(name, "health", StringComparison.OrdinalIgnoreCase))
            {
                return ScenarioMix.Only(Scenario.Health);
            }

            var single = ScenarioMix.Parse(name + "=1", out var singleError);
            if (single is null)
            {
                input.Error(ScenarioOption, $"'{name}' is not a scenario (health, deposit, stake, claim, unstake, nft, read)");
            }

            _ = singleError;
            return single;
        }

        var mix = ScenarioMix.Parse(input.Text(Mix) ?? ScenarioMix.Default, out var error);
        if (mix is null)
        {
            input.Error(Mix, error!);
        }

        return mix;
    }

    private static string? ReadOperatorKey(CommandInput input, CommandServices services)
    {
        if (input.Text(OperatorKeyFile) is not { } path)
        {
            return services.Variable(TransportOptions.OperatorKeyVariable) is { Length: > 0 } variable ? variable : null;
        }

        try
        {
            var key = File.ReadAllText(path).Trim();
            if (key.Length == 0)
            {
                input.Error(OperatorKeyFile, $"the file '{path}' is empty");
            }

            return key.Length == 0 ? null : key;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            input.Error(OperatorKeyFile, $"cannot read '{path}': {error.Message}");
            return null;
        }
    }

    // A whole number from min to max; the fallback when not given, required when the fallback is null.
    private static int Whole(CommandInput input, Option<string?> option, int min, int max, int? fallback)
    {
        if (input.Text(option) is not { } text)
        {
            if (fallback is null)
            {
                input.Error(option, "is required");
            }

            return fallback ?? min;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            input.Error(option, string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {min} to {max}, not '{text}'"));
            return min;
        }

        return value;
    }
}
