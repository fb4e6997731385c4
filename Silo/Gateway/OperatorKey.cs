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

    private readonly byte[] _key;

    /// <summary>Resolves the key from the options, the data folder, or a new one.</summary>
    public OperatorKey(IOptions<GatewayOptions> gateway, IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(storage);
        _key = Encoding.UTF8.GetBytes(gateway.Value.OperatorKey is { Length: > 0 } configured ? configured : StoredOrNew(storage.Value));
    }

    /// <summary>Whether <paramref name="candidate"/> is the key, compared in constant time.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _key);

    private static string StoredOrNew(StorageOptions storage)
    {
        var generated = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        if (!storage.Is(StorageOptions.Sqlite))
        {
            // No data folder of our own (memory or PostgreSQL): the key lives as long as the process.
            Console.WriteLine($"Operator key for this run (set Gateway:OperatorKey to choose one): {generated}");
            return generated;
        }

        var path = Path.Combine(storage.Path, FileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        // Written whole to a file of its own, then moved into place only if no key is there yet: silos starting together on one
        // data folder all end up with the key that landed first.
        Directory.CreateDirectory(storage.Path);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, Encoding.UTF8, options))
        {
            writer.Write(generated);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return File.ReadAllText(path).Trim();
        }

        Console.WriteLine($"Generated an operator key, kept in {path} (set Gateway:OperatorKey to choose one): {generated}");
        return generated;
    }
}
