using System.CommandLine;
using System.Globalization;
using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Nfts;

namespace Actors.Client.Cluster;

/// <summary>
/// Reads a command's arguments and options as text and checks them before any call, collecting one message per wrong input,
/// each naming the option (<c>--amount: ...</c>) or argument (<c>&lt;poolId&gt;: ...</c>). A reader returns a placeholder for a
/// wrong input: nothing is called once <see cref="Failed"/>.
/// </summary>
internal sealed class CommandInput(ParseResult result, bool overHttp, Func<string, string?> variable)
{
    /// <summary>The longest operation id: what an Idempotency-Key may be.</summary>
    public const int MaxOperationIdLength = 100;

    private readonly List<string> _errors = [];

    /// <summary>
    /// A positional argument read as text. The parser lets it be missing and the command checks it, so that a missing one
    /// exits 2 with a message naming it, like any wrong input.
    /// </summary>
    public static Argument<string?> Argument(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    /// <summary>Whether the command goes over REST (<c>--http</c>) rather than through the cluster client.</summary>
    public bool OverHttp { get; } = overHttp;

    /// <summary>Whether any input is wrong.</summary>
    public bool Failed => _errors.Count > 0;

    /// <summary>One message per wrong input.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Records a message about <paramref name="symbol"/>.</summary>
    public void Error(Symbol symbol, string message) => _errors.Add($"{NameOf(symbol)}: {message}");

    /// <summary>The raw text given for an option or argument, or null.</summary>
    public string? Text(Symbol symbol) => symbol switch
    {
        Option<string?> option => result.GetValue(option),
        Argument<string?> argument => result.GetValue(argument),
        _ => throw new ArgumentException($"{symbol.Name} is not read as text.", nameof(symbol)),
    };

    /// <summary>Whether a flag is given.</summary>
    public bool Flag(Option<bool> option) => result.GetValue(option);

    /// <summary>A required address: 0x and 40 hex digits, EIP-55 checked when in mixed case.</summary>
    public EthereumAddress Address(Symbol symbol) => ReadAddress(symbol, required: true) ?? Placeholder;

    /// <summary>An address, or null when not given.</summary>
    public EthereumAddress? OptionalAddress(Symbol symbol) => ReadAddress(symbol, required: false);

    /// <summary>Every address given with a repeatable option (none is an empty list), each checked.</summary>
    public IReadOnlyList<EthereumAddress> Addresses(Option<string[]> option)
    {
        var addresses = new List<EthereumAddress>();
        foreach (var text in result.GetValue(option) ?? [])
        {
            if (EthereumAddress.TryParse(text, out var address, out var error))
            {
                addresses.Add(address);
            }
            else
            {
                Error(option, $"'{text}': {error}");
            }
        }

        return addresses;
    }

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/> in decimal, or null when not given.</summary>
    public int? Integer(Symbol symbol, int min, int max)
    {
        if (Text(symbol) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error(symbol, string.Create(CultureInfo.InvariantCulture, $"must be an integer from {min} to {max}, not '{text}'"));
        return null;
    }

    /// <summary>An amount of base units in decimal, below 2^256; more than zero unless <paramref name="allowZero"/>.</summary>
    public UInt256 Amount(Symbol symbol, bool allowZero = false)
    {
        var text = Required(symbol, "decimal digits of base units");
        if (text is null)
        {
            return default;
        }

        if (!UInt256.TryParse(text, out var amount, out var error))
        {
            Error(symbol, error);
        }
        else if (amount.IsZero && !allowZero)
        {
            Error(symbol, "must be more than zero");
        }

        return amount;
    }

    /// <summary>An id: 1 to <paramref name="maxLength"/> letters, digits, '.', '_' or '-' (pools, collections, recovery requests, operations).</summary>
    public string Id(Symbol symbol, int maxLength = 64)
    {
        var text = Required(symbol, $"1 to {maxLength} letters, digits, '.', '_' or '-'");
        if (text is not null && !Ids.IsId(text, maxLength))
        {
            Error(symbol, $"must be 1 to {maxLength} letters, digits, '.', '_' or '-', not '{text}'");
        }

        return text ?? "";
    }

    /// <summary>An operation id as <see cref="Id"/> reads one, up to 100 characters (an Idempotency-Key's limit); a new one when not given.</summary>
    public string OperationId(Symbol symbol) => Text(symbol) is null ? Guid.NewGuid().ToString("N") : Id(symbol, MaxOperationIdLength);

    /// <summary>A token id: a non-negative integer below 2^256 in decimal, without leading zeros (as EIP-721 has them).</summary>
    public string TokenId(Symbol symbol)
    {
        var text = Required(symbol, "a token id in decimal");
        if (text is not null && !NftKeys.IsTokenId(text))
        {
            Error(symbol, $"must be a non-negative integer below 2^256 in decimal without leading zeros, not '{text}'");
        }

        return text ?? "";
    }

    /// <summary>A hash (0x and 64 hex digits), or null when not given and not <paramref name="required"/>.</summary>
    public Hash32? Hash(Symbol symbol, bool required) =>
        Read(symbol, required, "0x and 64 hex digits", (string text, out Hash32? value, out string? error) => Hash32.TryParse(text, out value, out error));

    /// <summary>A 65-byte signature (0x and 130 hex digits), or null when not given.</summary>
    public EthereumSignature? Signature(Symbol symbol) =>
        Read(symbol, required: false, "", (string text, out EthereumSignature? value, out string? error) => EthereumSignature.TryParse(text, out value, out error));

    /// <summary>The option's text or, when it is not given, the environment variable's; null when neither is set.</summary>
    public string? TextOrVariable(Symbol symbol, string? variableName) =>
        Text(symbol) ?? (variableName is null ? null : variable(variableName));

    /// <summary>A private key (0x and 64 hex digits) from the option or, when it is not given, the environment variable; null when neither.</summary>
    public PrivateKey? Key(Symbol symbol, string? variableName = null)
    {
        var fromOption = Text(symbol) is not null;
        var text = TextOrVariable(symbol, variableName);
        if (text is null)
        {
            return null;
        }

        if (!PrivateKey.TryParse(text, out var key, out var error))
        {
            // The reason only, never the text: it is a secret.
            _errors.Add(fromOption ? $"{NameOf(symbol)}: {error}" : $"{variableName}: {error}");
        }

        return key;
    }

    /// <summary>
    /// A private key from <paramref name="keyOption"/>, else from the file <paramref name="fileOption"/> names, else from the
    /// environment variable; null when none is given. Both options at once is an error.
    /// </summary>
    public PrivateKey? KeyOrFile(Option<string?> keyOption, Option<string?> fileOption, string? variableName = null)
    {
        if (Text(fileOption) is not { } path)
        {
            return Key(keyOption, variableName);
        }

        if (Text(keyOption) is not null)
        {
            Error(fileOption, $"give {keyOption.Name} or {fileOption.Name}, not both");
            return null;
        }

        if (ReadSecretFile(fileOption, path) is not { } text)
        {
            return null;
        }

        if (!PrivateKey.TryParse(text, out var key, out var error))
        {
            Error(fileOption, $"'{path}' does not hold a private key: {error}");
        }

        return key;
    }

    /// <summary>A secret from <paramref name="option"/>, else from the file <paramref name="fileOption"/> names, else from the environment variable.</summary>
    public string? SecretOrFile(Option<string?> option, Option<string?> fileOption, string variableName)
    {
        if (Text(fileOption) is not { } path)
        {
            return TextOrVariable(option, variableName);
        }

        if (Text(option) is not null)
        {
            Error(fileOption, $"give {option.Name} or {fileOption.Name}, not both");
            return null;
        }

        return ReadSecretFile(fileOption, path);
    }

    // The file's text without surrounding white space; the reason alone when it cannot be read, never its content.
    private string? ReadSecretFile(Symbol symbol, string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length == 0)
            {
                Error(symbol, $"'{path}' is empty");
                return null;
            }

            return text;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Error(symbol, $"cannot read '{path}': {error.Message}");
            return null;
        }
    }

    /// <summary>An ISO-8601 time with a date and a time of day, or null when not given.</summary>
    public DateTimeOffset? Time(Symbol symbol)
    {
        var text = Text(symbol);
        if (text is null)
        {
            return null;
        }

        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUniversalTime();
        }

        Error(symbol, $"must be an ISO-8601 time such as 2030-01-01T00:00:00Z, not '{text}'");
        return null;
    }

    /// <summary>A device fingerprint: 1 to 512 printable ASCII characters, or null when not given.</summary>
    public string? Fingerprint(Symbol symbol)
    {
        var text = Text(symbol);
        if (text is not null && !Ids.IsFingerprint(text))
        {
            Error(symbol, $"must be 1 to {Ids.MaxFingerprintLength} printable ASCII characters");
        }

        return text;
    }

    /// <summary>An ISO 3166-1 alpha-2 country code (two uppercase letters), or null when not given.</summary>
    public string? CountryCode(Symbol symbol)
    {
        var text = Text(symbol);
        if (text is not null && !Ids.IsCountryCode(text))
        {
            Error(symbol, $"must be an ISO 3166-1 alpha-2 country code such as DE, not '{text}'");
        }

        return text;
    }

    /// <summary>Required text of 1 to <paramref name="maxLength"/> characters without control characters.</summary>
    public string Name(Symbol symbol, int maxLength)
    {
        var text = Required(symbol, $"1 to {maxLength} characters");
        if (text is not null && (string.IsNullOrWhiteSpace(text) || text.Length > maxLength || text.Any(char.IsControl)))
        {
            Error(symbol, $"must be 1 to {maxLength} characters without control characters");
        }

        return text ?? "";
    }

    private static readonly EthereumAddress Placeholder = EthereumAddress.FromBytes(new byte[EthereumAddress.Size]);

    private EthereumAddress? ReadAddress(Symbol symbol, bool required) =>
        Read(symbol, required, "0x and 40 hex digits", (string text, out EthereumAddress? value, out string? error) => EthereumAddress.TryParse(text, out value, out error));

    private delegate bool TryParser<T>(string text, out T? value, out string? error);

    private T? Read<T>(Symbol symbol, bool required, string expected, TryParser<T> parse) where T : class
    {
        var text = required ? Required(symbol, expected) : Text(symbol);
        if (text is null)
        {
            return null;
        }

        if (!parse(text, out var value, out var error))
        {
            Error(symbol, error ?? "is not valid");
        }

        return value;
    }

    private string? Required(Symbol symbol, string expected)
    {
        var text = Text(symbol);
        if (text is null)
        {
            Error(symbol, $"is required: {expected}");
        }

        return text;
    }

    private static string NameOf(Symbol symbol) => symbol is Argument ? $"<{symbol.Name}>" : symbol.Name;
}
