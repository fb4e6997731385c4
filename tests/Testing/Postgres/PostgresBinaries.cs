using System.Diagnostics;

namespace Actors.Testing.Postgres;

/// <summary>
/// The machine's PostgreSQL server programs, and the user to run them as: PostgreSQL refuses to run as root, so under root
/// they run as the <c>postgres</c> system user.
/// </summary>
internal sealed class PostgresBinaries
{
    private static readonly string[] s_tools = ["initdb", "pg_ctl", "postgres"];
    private static readonly TimeSpan s_shortTimeout = TimeSpan.FromSeconds(30);

    private PostgresBinaries(string directory, string? runAsUser)
    {
        BinDirectory = directory;
        RunAsUser = runAsUser;
    }

    public string BinDirectory { get; }

    /// <summary>The user the tools run as, or null for the current user.</summary>
    public string? RunAsUser { get; }

    public static PostgresBinaries Locate()
    {
        var directory = FindDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found; install the postgresql package. " +
            "Looked for initdb, pg_ctl and postgres on PATH, in 'pg_config --bindir' and in /usr/lib/postgresql/<version>/bin.");
        return new PostgresBinaries(directory, IsRoot() ? NonRootUser() : null);
    }

    /// <summary>Runs one of the PostgreSQL programs and returns its output; throws when it fails or outlives the timeout.</summary>
    public string Run(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, string workingDirectory)
    {
        var path = Path.Combine(BinDirectory, tool);
        return RunAsUser is null
            ? ProcessRunner.Run(path, arguments, timeout, workingDirectory)
            : ProcessRunner.Run("runuser", ["-u", RunAsUser, "--", path, .. arguments], timeout, workingDirectory);
    }

    /// <summary>Hands a folder to the user the tools run as, so they can write in it.</summary>
    public void GiveOwnership(string folder)
    {
        if (RunAsUser is not null)
        {
            ProcessRunner.Run("chown", ["-R", $"{RunAsUser}:", folder], s_shortTimeout);
        }
    }

    private static string? FindDirectory()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var candidates = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (candidates.Select(d => Path.Combine(d, "pg_config")).FirstOrDefault(File.Exists) is { } pgConfig)
        {
            try
            {
                candidates.Add(ProcessRunner.Run(pgConfig, ["--bindir"], s_shortTimeout).Trim());
            }
            catch (InvalidOperationException)
            {
                // A broken pg_config is no reason to stop looking.
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            candidates.AddRange(Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: d, Version: Version.TryParse(Path.GetFileName(d) + ".0", out var v) ? v : null))
                .Where(d => d.Version is not null)
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin")));
        }

        return candidates.FirstOrDefault(d => s_tools.All(tool => File.Exists(Path.Combine(d, tool))));
    }

    private static bool IsRoot() =>
        Environment.UserName == "root" || ProcessRunner.Run("id", ["-u"], s_shortTimeout).Trim() == "0";

    private static string NonRootUser()
    {
        try
        {
            ProcessRunner.Run("id", ["-u", "postgres"], s_shortTimeout);
            return "postgres";
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                "PostgreSQL refuses to run as root, and there is no 'postgres' user to run it as. " +
                "Create that user (the postgresql package does) or run the tests as another user.", ex);
        }
    }
}
