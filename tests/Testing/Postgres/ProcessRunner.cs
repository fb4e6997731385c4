using System.Diagnostics;

namespace Actors.Testing.Postgres;

internal static class ProcessRunner
{
    /// <summary>
    /// Runs a program with the given arguments (passed as a list, never through a shell) and returns its standard output.
    /// Throws <see cref="InvalidOperationException"/> with its error output when it exits with a non-zero code or outlives the timeout.
    /// </summary>
    public static string Run(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var name = string.Join(' ', [fileName, .. arguments]);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start '{name}'.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{name}' did not finish within {timeout.TotalSeconds:0} s.");
        }

        // A program that leaves a child running (pg_ctl start) may leave the pipes open a little longer; do not wait forever.
        Task.WaitAll([output, error], TimeSpan.FromSeconds(5));
        var stdout = output.IsCompletedSuccessfully ? output.Result : "";
        if (process.ExitCode != 0)
        {
            var stderr = error.IsCompletedSuccessfully ? error.Result : "";
            throw new InvalidOperationException($"'{name}' failed with exit code {process.ExitCode}: {stderr.Trim()} {stdout.Trim()}".TrimEnd());
        }

        return stdout;
    }
}
