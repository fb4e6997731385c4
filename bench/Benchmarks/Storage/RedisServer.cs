using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Actors.Benchmarks.Hosting;
using Actors.Testing;

namespace Actors.Benchmarks.Storage;

/// <summary>
/// A private redis-server (the Debian package <c>redis-server</c>) on a free port of 127.0.0.1, with its data in a fresh
/// temporary folder and an append-only file fsynced as <see cref="AppendFsync"/> says; killed and deleted on dispose.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private static readonly string[] s_candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server"];

    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private RedisServer(Process process, DirectoryInfo folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>host:port</c>, as StackExchange.Redis takes it.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>Starts a server whose append-only file is fsynced <c>always</c> (before a write is answered) or <c>everysec</c>.</summary>
    public static async Task<RedisServer> StartAsync(string appendFsync)
    {
        var binary = Locate();
        var folder = Directory.CreateTempSubdirectory("bench-redis-");
        var port = FreePorts.Next();
        var info = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", folder.FullName,
            "--save", "", "--appendonly", "yes", "--appendfsync", appendFsync, "--daemonize", "no", "--logfile", "",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{binary} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, folder, port);
        try
        {
            await Wait.UntilAsync(() => process.HasExited ? throw new InvalidOperationException(
                $"redis-server exited with code {process.ExitCode} before it listened on port {port}.") : Accepts(port),
                $"redis-server to listen on port {port}", TimeSpan.FromSeconds(30));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Delete(recursive: true);
    }

    private static string Locate()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "redis-server"));
        return onPath.Concat(s_candidates).FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "redis-server was not found on PATH or in /usr/bin: install the Debian package (apt-get install redis-server), " +
            "or run the storage mode with --provider sqlite or postgres only.");
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
