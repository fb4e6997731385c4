using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Actors.Domain.Ethereum;

/// <summary>
/// A Sign-In with Ethereum message (EIP-4361): the text a wallet signs with personal_sign to prove it controls an address,
/// bound to a domain, a nonce the server issued, and a validity window. <see cref="ToString"/> writes the EIP-4361 form and
/// <see cref="TryParse"/> reads it back strictly (line by line, in the order the EIP gives).
/// </summary>
public sealed record SiweMessage(
    string Domain,
    EthereumAddress Address,
    string? Statement,
    string Uri,
    long ChainId,
    string Nonce,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ExpirationTime)
{
    private const string Header = " wants you to sign in with your Ethereum account:";

    /// <summary>The EIP-4361 text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Domain).Append(Header).Append('\n').Append(Address).Append("\n\n");
        if (Statement is not null)
        {
            text.Append(Statement).Append("\n\n");
        }

        text.Append("URI: ").Append(Uri).Append('\n');
        text.Append("Version: 1\n");
        text.Append("Chain ID: ").Append(ChainId.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("Nonce: ").Append(Nonce).Append('\n');
        text.Append("Issued At: ").Append(Format(IssuedAt));
        if (ExpirationTime is { } expires)
        {
            text.Append("\nExpiration Time: ").Append(Format(expires));
        }

        return text.ToString();
    }

    /// <summary>Reads an EIP-4361 message; the error says which line is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SiweMessage? message, [NotNullWhen(false)] out string? error)
    {
        message = null;
        if (string.IsNullOrEmpty(text) || text.Length > 4096)
        {
            error = "message must be an EIP-4361 text of at most 4096 characters";
            return false;
        }

        var lines = text.Split('\n');
        var at = 0;
        string Next() => at < lines.Length ? lines[at++] : "";
        var first = Next();
        if (!first.EndsWith(Header, StringComparison.Ordinal) || first.Length == Header.Length)
        {
            error = "message must start with '<domain> wants you to sign in with your Ethereum account:'";
            return false;
        }

        var domain = first[..^Header.Length];
        if (!EthereumAddress.TryParse(Next(), out var address, out var addressError))
        {
            error = $"message address: {addressError}";
            return false;
        }

        string? statement = null;
        if (Next() != "")
        {
            error = "message must have an empty line after the address";
            return false;
        }

        if (at < lines.Length && !lines[at].StartsWith("URI: ", StringComparison.Ordinal))
        {
            statement = Next();
            if (Next() != "")
            {
                error = "message must have an empty line after the statement";
                return false;
            }
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(at))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0 || !fields.TryAdd(line[..colon], line[(colon + 2)..]))
            {
                error = $"message line '{line}' is not a single 'Field: value'";
                return false;
            }
        }

        if (!fields.TryGetValue("URI", out var uri) || !fields.TryGetValue("Nonce", out var nonce)
            || fields.GetValueOrDefault("Version") != "1"
            || !long.TryParse(fields.GetValueOrDefault("Chain ID"), NumberStyles.None, CultureInfo.InvariantCulture, out var chainId)
            || !TryTime(fields.GetValueOrDefault("Issued At"), out var issuedAt))
        {
            error = "message must carry URI, Version: 1, Chain ID, Nonce and Issued At";
            return false;
        }

        DateTimeOffset? expires = null;
        if (fields.TryGetValue("Expiration Time", out var expiresText))
        {
            if (!TryTime(expiresText, out var parsed))
            {
                error = "message Expiration Time must be an RFC 3339 time";
                return false;
            }

            expires = parsed;
        }

        if (nonce.Length < 8 || !nonce.All(char.IsAsciiLetterOrDigit))
        {
            error = "message nonce must be at least 8 letters or digits";
            return false;
        }

        message = new SiweMessage(domain, address, statement, uri, chainId, nonce, issuedAt, expires);
        error = null;
        return true;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static bool TryTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
        && text!.Contains('T', StringComparison.Ordinal);
}
