using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Actors.Domain.Ethereum;
using Actors.Domain.Money;

namespace Actors.Silo.Gateway;

/// <summary>
/// Checks a request's fields before any grain is called (type, length and character set), collecting every error by field
/// name so that one 400 names them all.
/// </summary>
public sealed class Fields
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>Whether any field is wrong.</summary>
    public bool Failed => _errors.Count > 0;

    /// <summary>The 400 naming the wrong fields.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem() => ApiProblems.Validation(_errors);

    /// <summary>Records an error for <paramref name="field"/>.</summary>
    public void Error(string field, string message) => _errors.TryAdd(field, [message]);

    /// <summary>An amount: a JSON string of decimal digits below 2^256 (zero allowed only if <paramref name="allowZero"/>).</summary>
    public UInt256 Amount(string field, string? text, bool allowZero = false)
    {
        if (text is null)
        {
            Error(field, "is required: a string of decimal digits of base units");
            return default;
        }

        if (!UInt256.TryParse(text, out var value, out var error))
        {
            Error(field, error);
            return default;
        }

        if (value.IsZero && !allowZero)
        {
            Error(field, "must be more than zero");
        }

        return value;
    }

    /// <summary>An address: 0x and 40 hex digits, EIP-55 checked when in mixed case.</summary>
    public EthereumAddress? Address(string field, string? text)
    {
        if (EthereumAddress.TryParse(text, out var address, out var error))
        {
            return address;
        }

        Error(field, text is null ? "is required: 0x and 40 hex digits" : error);
        return null;
    }

    /// <summary>
    /// An address that names a party (an owner, a recipient, a guardian, an operator): as <see cref="Address"/>, and not the zero
    /// address 0x000...0, which nobody holds a key for, so that value sent there is burnt and a role given to it is given to nobody.
    /// </summary>
    public EthereumAddress? PartyAddress(string field, string? text)
    {
        var address = Address(field, text);
        if (address is not null && IsZero(address))
        {
            Error(field, "must not be the zero address 0x0000000000000000000000000000000000000000");
            return null;
        }

        return address;
    }

    /// <summary>Whether <paramref name="address"/> is the zero address.</summary>
    public static bool IsZero(EthereumAddress address) => address.ToArray().All(b => b == 0);

    /// <summary>An id of 1 to <paramref name="maxLength"/> letters, digits, '.', '_' or '-'.</summary>
    public string Id(string field, string? text, int maxLength = 64)
    {
        if (!IsId(text, maxLength))
        {
            Error(field, $"must be 1 to {maxLength} letters, digits, '.', '_' or '-'");
            return "";
        }

        return text;
    }

    /// <summary>
    /// An optional device fingerprint: 1 to <see cref="Grains.Interfaces.Ids.MaxFingerprintLength"/> printable ASCII characters.
    /// </summary>
    public string? Fingerprint(string field, string? text)
    {
        if (text is null || Grains.Interfaces.Ids.IsFingerprint(text))
        {
            return text;
        }

        Error(field, $"must be 1 to {Grains.Interfaces.Ids.MaxFingerprintLength} printable ASCII characters");
        return null;
    }

    /// <summary>An optional country: an ISO 3166-1 alpha-2 code such as DE.</summary>
    public string? Country(string field, string? text)
    {
        if (text is null || Grains.Interfaces.Ids.IsCountryCode(text))
        {
            return text;
        }

        Error(field, "must be an ISO 3166-1 alpha-2 country code: two uppercase letters such as DE");
        return null;
    }

    /// <summary>A required 32-byte hash: 0x and 64 hex digits.</summary>
    public Hash32? Hash(string field, string? text)
    {
        if (Hash32.TryParse(text, out var hash, out var error))
        {
            return hash;
        }

        Error(field, text is null ? "is required: 0x and 64 hex digits" : error);
        return null;
    }

    /// <summary>A required signature: 0x and 130 hex digits (r, s, v), with v in {27, 28} or {0, 1} and a low s.</summary>
    public EthereumSignature? Signature(string field, string? text)
    {
        if (EthereumSignature.TryParse(text, out var signature, out var error))
        {
            return signature;
        }

        Error(field, text is null ? "is required: 0x and 130 hex digits" : error);
        return null;
    }

    /// <summary>A required value of a JSON type with no text rules (a flag, a number).</summary>
    public T Required<T>(string field, T? value) where T : struct
    {
        if (value is null)
        {
            Error(field, "is required");
        }

        return value.GetValueOrDefault();
    }

    /// <summary>An optional ISO-8601 time, as Unix seconds.</summary>
    public long? Time(string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            && text.Contains('T', StringComparison.Ordinal))
        {
            return time.ToUnixTimeSeconds();
        }

        Error(field, "must be an ISO-8601 time such as 2030-01-01T00:00:00Z");
        return null;
    }

    /// <summary>An asset code such as STAKE: an uppercase letter and up to 15 uppercase letters or digits.</summary>
    public string Asset(string field, string? text)
    {
        if (Grains.Interfaces.Ids.IsAsset(text))
        {
            return text;
        }

        Error(field, "must be an asset code: an uppercase letter and up to 15 uppercase letters or digits, such as STAKE");
        return "";
    }

    /// <summary>An amount the pools and balances take: 1 (0 if <paramref name="allowZero"/>) to 2^128-1 base units.</summary>
    public UInt256 BoundedAmount(string field, string? text, bool allowZero = false)
    {
        var amount = Amount(field, text, allowZero);
        if (amount > Domain.Rewards.RewardPoolMath.MaxAmount)
        {
            Error(field, "must be at most 2^128-1 (340282366920938463463374607431768211455) base units");
        }

        return amount;
    }

    /// <summary>Whether <paramref name="text"/> is an id of 1 to <paramref name="maxLength"/> letters, digits, '.', '_' or '-'.</summary>
    public static bool IsId([NotNullWhen(true)] string? text, int maxLength = 64) => Grains.Interfaces.Ids.IsId(text, maxLength);
}
