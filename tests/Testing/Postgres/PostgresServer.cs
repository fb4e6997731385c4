using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace Actors.Testing.Postgres;

/// <summary>
/// A private PostgreSQL server for tests, started from the machine's PostgreSQL binaries in a fresh temporary folder, listening on
/// a free port of 127.0.0.1 with trust authentication. Use <see cref="Shared"/> for one server per test run, and
/// <see cref="CreateDatabaseAsync"/> for a database per test class.
/// </summary>
public sealed partial class PostgresServer : IDisposable
{
    private const string FolderPrefix = "actors-pg-";
    private const string OwnerFile = "owner.pid";
    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromSeconds(120);
    private static readonly Lazy<PostgresServer> s_shared = new(StartShared, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly PostgresBinaries _binaries;
    private readonly string _folder;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private int _stopped;

    private PostgresServer(PostgresBinaries binaries, string folder, int port)
    {
        _binaries = binaries;
        _folder = folder;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
    }

    /// <summary>The server of this test run: started on first use, stopped and deleted when the process exits.</summary>
    public static PostgresServer Shared => s_shared.Value;

    /// <summary>Connection string of the server's <c>postgres</c> database, as the superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>The TCP port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    private string DataDirectory => Path.Combine(_folder, "data");

    /// <summary>Starts a new server. Throws <see cref="InvalidOperationException"/> when the binaries are missing or it cannot start.</summary>
    public static PostgresServer Start()
    {
        var binaries = PostgresBinaries.Locate();
        RemoveAbandonedServers(binaries);
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(Path.Combine(folder, "socket"));
            binaries.GiveOwnership(folder);
            var dataDirectory = Path.Combine(folder, "data");
            binaries.Run("initdb", ["-D", dataDirectory, "-A", "trust", "-E", "UTF8", "--no-locale", "-U", "postgres"], s_toolTimeout, folder);

            // The free port may be taken by someone else before the server binds it; then try another.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                File.AppendAllText(Path.Combine(dataDirectory, "postgresql.conf"), $"""

                    listen_addresses = '127.0.0.1'
                    port = {port}
                    unix_socket_directories = '{Path.Combine(folder, "socket")}'
                    max_connections = 300

                    """);
                try
                {
                    binaries.Run("pg_ctl", ["start", "-D", dataDirectory, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60"], s_toolTimeout, folder);
                    return new PostgresServer(binaries, folder, port);
                }
                catch (InvalidOperationException ex) when (attempt < 3)
                {
                    Trace.WriteLine($"PostgreSQL did not start on port {port}, trying another: {ex.Message}");
                }
            }
        }
        catch
        {
            DeleteFolder(folder);
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    /// <param name="name">1 to 63 characters of a-z, 0-9 and '_', not starting with a digit; not used before on this server.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"Database name '{name}' must be 1 to 63 characters of a-z, 0-9 and '_', not starting with a digit.", nameof(name));
        }

        // CREATE DATABASE copies a template; one at a time avoids "source database is being accessed by other users".
        await _createLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(cancellationToken);
            // Identifiers cannot be parameters; the name was checked against a strict pattern above.
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _createLock.Release();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended) and deletes its folder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        Stop(_binaries, DataDirectory, "fast", _folder);
        DeleteFolder(_folder);
        _createLock.Dispose();
    }

    private static PostgresServer StartShared()
    {
        var server = Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    // A test run that was killed never stopped its server; stop those whose owning process is gone.
    private static void RemoveAbandonedServers(PostgresBinaries binaries)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var ownerFile = Path.Combine(folder, OwnerFile);
            if (File.Exists(ownerFile) && int.TryParse(File.ReadAllText(ownerFile), out var owner) && !IsRunning(owner))
            {
                Stop(binaries, Path.Combine(folder, "data"), "immediate", folder);
                DeleteFolder(folder);
            }
        }
    }

    private static void Stop(PostgresBinaries binaries, string dataDirectory, string mode, string folder)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            return;
        }

        try
        {
            binaries.Run("pg_ctl", ["stop", "-D", dataDirectory, "-m", mode, "-w", "-t", "30"], TimeSpan.FromSeconds(45), folder);
        }
        catch (InvalidOperationException ex)
        {
            Trace.WriteLine($"Could not stop the PostgreSQL server in {dataDirectory}: {ex.Message}");
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Trace.WriteLine($"Could not delete {folder}: {ex.Message}");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
