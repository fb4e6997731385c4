using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Actors.Domain.Ethereum;

/// <summary>
/// A Sign-In with Ethereum message (EIP-4361): the text a wallet signs with personal_sign to prove it controls an address,
/// bound to a domain, a URI, a nonce the server issued, and a validity window. <see cref="ToString"/> writes the EIP-4361 form
/// and <see cref="TryParse"/> reads it back strictly: every line in the order the EIP gives, each field at most once, nothing
/// unknown, so that the text a wallet shows its user is the text the server judges.
/// </summary>
public sealed record SiweMessage(
    string Domain,
    EthereumAddress Address,
    string? Statement,
    string Uri,
    long ChainId,
    string Nonce,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NotBefore = null,
    string? RequestId = null,
    IReadOnlyList<string>? Resources = null)
{
    /// <summary>The longest message read.</summary>
    public const int MaxLength = 4096;

    private const string Header = " wants you to sign in with your Ethereum account:";

    /// <summary>The EIP-4361 text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Domain).Append(Header).Append('\n').Append(Address).Append("\n\n");
        if (Statement is not null)
        {
            text.Append(Statement).Append('\n');
        }

        text.Append('\n');
        text.Append("URI: ").Append(Uri).Append('\n');
        text.Append("Version: 1\n");
        text.Append("Chain ID: ").Append(ChainId.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("Nonce: ").Append(Nonce).Append('\n');
        text.Append("Issued At: ").Append(Format(IssuedAt));
        Optional(text, "Expiration Time", ExpirationTime is { } expires ? Format(expires) : null);
        Optional(text, "Not Before", NotBefore is { } notBefore ? Format(notBefore) : null);
        Optional(text, "Request ID", RequestId);
        if (Resources is { } resources)
        {
            text.Append("\nResources:");
            foreach (var resource in resources)
            {
                text.Append("\n- ").Append(resource);
            }
        }

        return text.ToString();
    }

    /// <summary>Reads an EIP-4361 message; the error says which line is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SiweMessage? message, [NotNullWhen(false)] out string? error)
    {
        message = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            error = $"message must be an EIP-4361 text of at most {MaxLength} characters";
            return false;
        }

        if (text.Any(c => char.IsControl(c) && c != '\n'))
        {
            error = "message must hold no control characters but line feeds";
            return false;
        }

        var reader = new SiweLines(text);
        message = Read(reader, out error);
        return message is not null;
    }

    private static SiweMessage? Read(SiweLines lines, out string? error)
    {
        var first = lines.Next() ?? "";
        if (!first.EndsWith(Header, StringComparison.Ordinal) || first.Length == Header.Length)
        {
            error = "message must start with '<domain> wants you to sign in with your Ethereum account:'";
            return null;
        }

        if (!EthereumAddress.TryParse(lines.Next(), out var address, out var addressError))
        {
            error = $"message address: {addressError}";
            return null;
        }

        if (lines.Next() != "")
        {
            error = "message must have an empty line after the address";
            return null;
        }

        // An optional statement, then an empty line: with no statement, two empty lines follow the address.
        var statement = lines.Next();
        if (statement == "")
        {
            statement = null;
        }
        else if (lines.Next() != "")
        {
            error = "message must have one statement line and an empty line after it";
            return null;
        }

        if (!lines.Field("URI", out var uri, out error)
            || !lines.Field("Version", out var version, out error)
            || !lines.Field("Chain ID", out var chainText, out error)
            || !lines.Field("Nonce", out var nonce, out error)
            || !lines.Field("Issued At", out var issuedText, out error))
        {
            return null;
        }

        if (!IsUri(uri))
        {
            error = "message URI must be an absolute URI";
            return null;
        }

        if (version != "1")
        {
            error = "message Version must be 1";
            return null;
        }

        if (!long.TryParse(chainText, NumberStyles.None, CultureInfo.InvariantCulture, out var chainId))
        {
            error = "message Chain ID must be a decimal integer";
            return null;
        }

        if (nonce!.Length < 8 || !nonce.All(char.IsAsciiLetterOrDigit))
        {
            error = "message nonce must be at least 8 letters or digits";
            return null;
        }

        if (!TryTime(issuedText, out var issuedAt))
        {
            error = "message Issued At must be an RFC 3339 time";
            return null;
        }

        if (!OptionalTime(lines, "Expiration Time", out var expires, out error)
            || !OptionalTime(lines, "Not Before", out var notBefore, out error))
        {
            return null;
        }

        var requestId = lines.OptionalField("Request ID");
        if (requestId is not null && requestId.Any(char.IsWhiteSpace))
        {
            error = "message Request ID must hold no white space";
            return null;
        }

        List<string>? resources = null;
        if (lines.Peek() == "Resources:")
        {
            lines.Next();
            resources = [];
            while (lines.Peek() is { } line && line.StartsWith("- ", StringComparison.Ordinal))
            {
                lines.Next();
                if (!IsUri(line[2..]))
                {
                    error = "message Resources must each be '- ' and an absolute URI";
                    return null;
                }

                resources.Add(line[2..]);
            }
        }

        if (lines.Peek() is { } extra)
        {
            error = $"message line '{extra}' is out of the EIP-4361 order, repeated or unknown";
            return null;
        }

        error = null;
        return new SiweMessage(first[..^Header.Length], address, statement, uri!, chainId, nonce, issuedAt, expires, notBefore, requestId,
            resources);
    }

    private static bool OptionalTime(SiweLines lines, string name, out DateTimeOffset? time, out string? error)
    {
        time = null;
        error = null;
        if (lines.OptionalField(name) is not { } text)
        {
            return true;
        }

        if (!TryTime(text, out var parsed))
        {
            error = $"message {name} must be an RFC 3339 time";
            return false;
        }

        time = parsed;
        return true;
    }

    private static void Optional(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.Append('\n').Append(name).Append(": ").Append(value);
        }
    }

    private static bool IsUri(string? text) =>
        text is { Length: > 0 } && !text.Any(char.IsWhiteSpace) && System.Uri.TryCreate(text, UriKind.Absolute, out _);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static bool TryTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
        && text!.Contains('T', StringComparison.Ordinal);
}
