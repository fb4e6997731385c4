using System.Security.Cryptography;
using System.Text;
using Actors.Providers.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Gateway;

/// <summary>
/// The operator credential: <c>Gateway:OperatorKey</c>, or else a key generated once and kept in the data folder (readable by
/// the silo's user only) and printed once on the console, so that a local run works out of the box.
/// </summary>
public sealed class OperatorKey
{
    /// <summary>The header operator calls carry the key in.</summary>
    public const string Header = "X-Operator-Key";

    /// <summary>The file the generated key is kept in, under <c>Storage:Path</c>.</summary>
    public const string FileName = "operator-key";

    /// <summary>The shortest operator key accepted: 16 characters (a generated key has 64 hex digits, 256 bits).</summary>
    public const int MinLength = 16;

    // The SHA-256 digest of the key: candidates are compared digest to digest, in constant time and at one length, so that
    // neither the key's bytes nor its length show in how long a refusal takes.
    private readonly byte[] _digest;

    /// <summary>Resolves the key from the options, the data folder, or a new one.</summary>
    public OperatorKey(IOptions<GatewayOptions> gateway, IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(storage);
        var key = gateway.Value.OperatorKey is { Length: > 0 } configured ? configured : StoredOrNew(storage.Value);
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>
    /// Whether <paramref name="key"/> may be an operator key: at least <see cref="MinLength"/> characters, each printable ASCII
    /// other than a space (an HTTP header carries it as it is).
    /// </summary>
    public static bool IsAcceptable(string key) =>
        key is { Length: >= MinLength } && key.All(c => c is > ' ' and <= '~');

    /// <summary>Whether <paramref name="candidate"/> is the key, compared in constant time.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), _digest);

    private static string StoredOrNew(StorageOptions storage)
    {
        var generated = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        if (!storage.Is(StorageOptions.Sqlite))
        {
            // No data folder of our own (memory or PostgreSQL): the key lives as long as the process.
            Console.WriteLine($"Operator key for this run (set Gateway:OperatorKey to choose one): {generated}");
            return generated;
        }

        var path = Path.GetFullPath(Path.Combine(storage.Path, FileName));
        if (File.Exists(path))
        {
            return ReadWritten(path);
        }

        // Created exclusively (O_EXCL): of silos starting together on one data folder, one creates the file and the others
        // read the key it wrote. A move into place would not do: on Unix a move that must not overwrite checks, then renames,
        // and two silos can both pass the check.
        Directory.CreateDirectory(storage.Path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            // The key alone, in ASCII: no byte order mark, no newline; one write, flushed to disk before it is used.
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.ASCII.GetBytes(generated));
            stream.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            return ReadWritten(path);
        }

        Console.WriteLine($"Generated an operator key, kept in {path} (set Gateway:OperatorKey to choose one): {generated}");
        return generated;
    }

    // Reads the key another silo created, waiting (at most 5 s) for its one write to land when the file is still empty.
    private static string ReadWritten(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var key = File.ReadAllText(path).Trim();
            if (key.Length > 0 || waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                return key.Length > 0
                    ? key
                    : throw new InvalidOperationException($"The operator key file {path} is empty: delete it to generate a new key.");
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(5));
        }
    }
}
