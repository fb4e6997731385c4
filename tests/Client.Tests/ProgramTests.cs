using System.Diagnostics;

namespace Actors.Client.Tests;

/// <summary>The client executable itself: input the command-line parser rejects is bad input (exit 2), as API.md says.</summary>
public sealed class ProgramTests
{
    [Theory]
    [InlineData("merkle", "verify-consistency", "--first", "1", "--first", "2")]
    [InlineData("counter", "get")]
    [InlineData("pool", "fund", "p", "--amount", "1", "--amount", "2")]
    [InlineData("no-such-command")]
    public async Task Input_the_parser_rejects_exits_2_with_a_message_on_stderr(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Actors.Client.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.NotEmpty((await errors).Trim());
        Assert.Empty((await output).Trim());
    }
}
