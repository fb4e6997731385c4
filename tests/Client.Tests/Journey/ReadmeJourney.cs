using System.Diagnostics;
using System.Runtime.Versioning;

namespace Actors.Client.Tests.Journey;

/// <summary>
/// The README's journey block (a fenced block opened with <c>```sh journey</c>), and running it with bash as a user would:
/// <c>actors</c> on the PATH is the built CLI, and nothing else of the test's process environment reaches the commands but
/// <c>PATH</c>, <c>HOME</c> and <c>SILO</c>.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class ReadmeJourney
{
    private const string Opening = "```sh journey\n";

    /// <summary>The repository's folder: the one above the test's that holds Actors.sln.</summary>
    public static string RepositoryFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Actors.sln not found above the test folder.");
    }

    /// <summary>The text of the README's journey block, without its fences.</summary>
    public static string Block()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFolder(), "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Opening, StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no block opened with ```sh journey");
        start += Opening.Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        Assert.True(end > start, "README.md's journey block is not closed");
        return readme[start..(end + 1)];
    }

    /// <summary>Fails with a clear message when a program the README's block uses is not installed.</summary>
    public static string Require(string program)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var path = Path.Combine(folder, program);
            if (folder.Length > 0 && File.Exists(path))
            {
                return path;
            }
        }

        Assert.Fail($"The README's journey needs '{program}' on the PATH (Debian package '{program}'); it is not installed.");
        return program;
    }

    /// <summary>
    /// Writes an <c>actors</c> script into <paramref name="folder"/>/bin running the built CLI, and runs <paramref name="block"/>
    /// in <paramref name="folder"/> with <c>bash -euo pipefail</c>; returns the exit code, stdout and stderr.
    /// </summary>
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(string block, string folder, Uri silo, TimeSpan timeout)
    {
        var bash = Require("bash");
        var jq = Require("jq");
        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        var script = Path.Combine(bin, "actors");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\nexec dotnet '{ClientAssembly()}' \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var info = new ProcessStartInfo(bash)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-euo");
        info.ArgumentList.Add("pipefail");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(block);
        info.Environment.Clear();
        var dotnet = Path.GetDirectoryName(Require("dotnet"))!;
        info.Environment["PATH"] = string.Join(Path.PathSeparator, bin, dotnet, Path.GetDirectoryName(jq)!, Path.GetDirectoryName(bash)!, "/usr/bin", "/bin");
        info.Environment["HOME"] = folder;
        info.Environment["DOTNET_CLI_HOME"] = folder;
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["SILO"] = silo.ToString().TrimEnd('/');
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { } root)
        {
            info.Environment["DOTNET_ROOT"] = root;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The README's journey did not finish within {timeout}:\n{await output}\n{await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }

    // The CLI the test project was built with, beside the test assembly.
    private static string ClientAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Actors.Client.dll");
        Assert.True(File.Exists(path) && File.Exists(Path.Combine(AppContext.BaseDirectory, "Actors.Client.runtimeconfig.json")),
            $"The built CLI is not beside the tests: {path}");
        return path;
    }
}
