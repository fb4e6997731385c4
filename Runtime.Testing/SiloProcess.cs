using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Actors.Runtime.Testing;

/// <summary>
/// A real Silo process on 127.0.0.1, started from the built Silo assembly, for tests that kill processes for real.
/// Settings are passed as <c>--Key=Value</c> arguments (never through a shell); output is captured for assertions.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, int httpPort, int gatewayPort)
    {
        _process = process;
        HttpPort = httpPort;
        GatewayPort = gatewayPort;
        HttpBase = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    /// <summary>The REST port.</summary>
    public int HttpPort { get; }

    /// <summary>The port cluster clients connect to.</summary>
    public int GatewayPort { get; }

    /// <summary>The gateway as a cluster client names it: <c>127.0.0.1:port</c>.</summary>
    public string Gateway => $"127.0.0.1:{GatewayPort}";

    /// <summary>The REST base address.</summary>
    public Uri HttpBase { get; }

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the silo with the given settings on a free HTTP port (and free silo and gateway ports unless given).</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> settings, string? siloAssembly = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var all = new Dictionary<string, string>(settings, StringComparer.OrdinalIgnoreCase);
        var httpPort = all.TryGetValue("Http:Port", out var given) ? int.Parse(given, System.Globalization.CultureInfo.InvariantCulture) : FreePort();
        all["Http:Port"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        all.TryAdd("Http:Address", "127.0.0.1");
        all.TryAdd("Silo:Port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        all.TryAdd("Silo:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(siloAssembly ?? FindSiloAssembly());
        foreach (var (key, value) in all)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var silo = new SiloProcess(process, httpPort, int.Parse(all["Silo:GatewayPort"], System.Globalization.CultureInfo.InvariantCulture));
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until <c>/readyz</c> answers 200, failing early if the process exits.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = HttpBase, Timeout = TimeSpan.FromSeconds(2) };
        await Wait.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Silo exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("readyz", UriKind.Relative)).ConfigureAwait(false);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, $"silo on port {HttpPort} to be ready", timeout ?? TimeSpan.FromSeconds(60)).ConfigureAwait(false);
    }

    /// <summary>Sends SIGTERM (graceful stop) and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan? timeout = null)
    {
        if (Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill(SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        return await WaitExitAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await WaitExitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    /// <summary>Finds the built Silo assembly by walking up to the solution folder.</summary>
    public static string FindSiloAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
            {
                var path = Path.Combine(dir.FullName, "Silo", "bin", configuration, "net10.0", "Actors.Silo.dll");
                return File.Exists(path) ? path : throw new FileNotFoundException($"Build the Silo project ({configuration}) first.", path);
            }
        }

        throw new DirectoryNotFoundException("Actors.sln not found above the test folder.");
    }

    /// <summary>A TCP port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<int> WaitExitAsync(TimeSpan? timeout)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
