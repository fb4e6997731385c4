using System.Diagnostics;
using System.Globalization;
using Actors.Benchmarks.Hosting;

namespace Actors.Benchmarks.Remote;

/// <summary>
/// The serving side of the cross-silo benchmark: this program in <c>serve-remote</c> mode, in a child process. It hosts the
/// first silo of the cluster (which holds the development membership table and every grain called) and the raw echo server,
/// prints <c>ready &lt;silo port&gt; &lt;echo port&gt;</c>, and stops when its standard input closes.
/// </summary>
internal static class RemoteServer
{
    public const string Mode = "serve-remote";

    public static async Task ServeAsync()
    {
        using var stopping = new CancellationTokenSource();
        await using var silo = await BenchSilo.StartAsync();
        var echoPort = RawEchoServer.StartServer(stopping.Token);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {silo.Endpoint.Port} {echoPort}"));
        await Console.In.ReadToEndAsync();
        await stopping.CancelAsync();
    }

    /// <summary>Waits for the child's <c>ready</c> line.</summary>
    public static async Task<string> ReadyLineAsync(Process child)
    {
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("ready ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException("The serving process exited before it was ready.");
    }

    /// <summary>Starts the child process: the same program, in <see cref="Mode"/>.</summary>
    public static Process Start()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(RemoteServer).Assembly.Location);
        info.ArgumentList.Add(Mode);
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
