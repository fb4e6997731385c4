using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Actors.Testing;

/// <summary>
/// A real Silo process, started from the built Silo assembly, for tests that kill processes for real. Settings are passed as
/// <c>--Key=Value</c> arguments (never through a shell); stdout and stderr are captured for assertions. Unless the settings
/// say otherwise the silo binds its REST, silo and gateway ports to free ports of 127.0.0.1.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigStop = 19;
    private const int SigCont = 18;
    private static readonly HashSet<int> s_handedOut = [];
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private int _disposed;

    private SiloProcess(Process process, int httpPort, int siloPort, int gatewayPort)
    {
        _process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpBase = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    /// <summary>The REST port.</summary>
    public int HttpPort { get; }

    /// <summary>The silo-to-silo port.</summary>
    public int SiloPort { get; }

    /// <summary>The port cluster clients connect to.</summary>
    public int GatewayPort { get; }

    /// <summary>The gateway endpoint on 127.0.0.1.</summary>
    public IPEndPoint Gateway => new(IPAddress.Loopback, GatewayPort);

    /// <summary>The REST base address.</summary>
    public Uri HttpBase { get; }

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote to stderr alone so far.</summary>
    public string Errors
    {
        get
        {
            lock (_output)
            {
                return _errors.ToString();
            }
        }
    }

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

    /// <summary>
    /// Starts the silo with the given settings, on free ports of 127.0.0.1 for <c>Http:Port</c>, <c>Silo:Port</c> and
    /// <c>Silo:GatewayPort</c> unless given, in <paramref name="workingDirectory"/> (default: the current one).
    /// </summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> settings, string? workingDirectory = null, string? siloAssembly = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var all = new Dictionary<string, string>(settings, StringComparer.OrdinalIgnoreCase);
        all.TryAdd("Http:Address", "127.0.0.1");
        var httpPort = PortSetting(all, "Http:Port");
        var siloPort = PortSetting(all, "Silo:Port");
        var gatewayPort = PortSetting(all, "Silo:GatewayPort");

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(siloAssembly ?? FindSiloAssembly());
        foreach (var (key, value) in all)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var silo = new SiloProcess(process, httpPort, siloPort, gatewayPort);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data, error: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until <c>/readyz</c> answers 200, failing early (with the output) if the process exits.</summary>
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
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, $"silo on port {HttpPort} to be ready", timeout ?? TimeSpan.FromSeconds(60)).ConfigureAwait(false);
    }

    /// <summary>Waits until the output contains <paramref name="text"/> (ordinal).</summary>
    public Task WaitForOutputAsync(string text, TimeSpan? timeout = null) =>
        Wait.UntilAsync(() => Output.Contains(text, StringComparison.Ordinal), $"silo on port {HttpPort} to write '{text}'", timeout);

    /// <summary>Waits for the process to exit on its own and returns its exit code.</summary>
    public async Task<int> WaitExitAsync(TimeSpan? timeout = null)
    {
        var bound = timeout ?? TimeSpan.FromSeconds(60);
        using var cts = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"Gave up after {bound} waiting for the silo on port {HttpPort} to exit:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM (graceful stop) and waits for the exit code.</summary>
    public Task<int> TerminateAsync(TimeSpan? timeout = null)
    {
        Signal(SigTerm);
        return WaitExitAsync(timeout);
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown code runs; the kernel closes its sockets.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await WaitExitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    /// <summary>Freezes the process (SIGSTOP): it answers nothing, yet its connections stay open, like a hung host.</summary>
    public void Suspend() => Signal(SigStop);

    /// <summary>Lets a suspended process run again (SIGCONT).</summary>
    public void Resume() => Signal(SigCont);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            await KillAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    /// <summary>Finds the built Silo assembly by walking up to the solution folder.</summary>
    public static string FindSiloAssembly()
    {
        var separator = Path.DirectorySeparatorChar;
        var configuration = AppContext.BaseDirectory.Contains($"{separator}Debug{separator}", StringComparison.Ordinal) ? "Debug" : "Release";
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

    /// <summary>A TCP port of 127.0.0.1 that was free a moment ago and that this process has not handed out before.</summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (s_handedOut)
            {
                if (s_handedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    private static int PortSetting(Dictionary<string, string> settings, string key)
    {
        if (settings.TryGetValue(key, out var given))
        {
            // A bad port is the test's to give (the silo must refuse it); this side then knows no port.
            return int.TryParse(given, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535 ? number : 0;
        }

        var port = FreePort();
        settings[key] = port.ToString(CultureInfo.InvariantCulture);
        return port;
    }

    private void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    private void Append(string? line, bool error = false)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (error)
            {
                _errors.AppendLine(line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
