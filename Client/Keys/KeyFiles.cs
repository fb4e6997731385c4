using System.CommandLine;
using System.Security.Cryptography;
using Actors.Domain.Ethereum;

namespace Actors.Client.Keys;

/// <summary>
/// Wallet keys kept in files: the options that name them, and making a fresh one. A key file holds 0x and 64 hex digits and a
/// line end, and is created readable and writable by its owner alone; an existing file is never overwritten.
/// </summary>
internal static class KeyFiles
{
    /// <summary>The option giving a private key as text: accepted, but a key on the command line stays in the shell's history.</summary>
    public static Option<string?> KeyOption(string description) =>
        new("--key") { Description = description + " Prefer --key-file: a key on the command line stays in the shell's history." };

    /// <summary>The option naming a file that holds a private key.</summary>
    public static Option<string?> FileOption(string description) => new("--key-file") { Description = description };

    /// <summary>A fresh secp256k1 key from the system's cryptographic random source, with its text (0x and 64 hex digits).</summary>
    public static (PrivateKey Key, string Text) Generate()
    {
        var bytes = new byte[PrivateKey.Size];
        try
        {
            // A random 32 bytes fall outside [1, n-1] with a chance of about 2^-128; draw again then.
            while (true)
            {
                RandomNumberGenerator.Fill(bytes);
                if (PrivateKey.TryCreate(bytes, out var key, out _))
                {
                    return (key, Hex.Encode(bytes));
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Writes <paramref name="keyText"/> to a new file, mode 0600 where the system has modes; false with the reason if it cannot.</summary>
    public static bool TryWrite(string path, string keyText, out string? error)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(keyText + "\n");
            error = null;
            return true;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = File.Exists(path) ? $"'{path}' exists already; a key file is never overwritten" : $"cannot write '{path}': {failure.Message}";
            return false;
        }
    }
}
