using System.Globalization;
using System.Text.Json;
using Actors.Domain.Logins;
using Actors.Domain.Merkle;

namespace Actors.Client.Logins;

/// <summary>
/// Reads what <c>logins verify</c> checks: a login export as JSON (camelCase as the REST API writes it, names read in any case,
/// a repeated name refused as the gateway refuses it) and the login keys of <c>--hmac-key VERSION=0xHEX</c>. A key's text
/// never appears in a message.
/// </summary>
internal static class LoginExportInput
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    /// <summary>The export <paramref name="json"/> holds; null with the reason for anything else.</summary>
    public static LoginExportJson? Parse(string json, out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return Checked(JsonSerializer.Deserialize<LoginExportJson>(json, Options), out error);
        }
        catch (JsonException failure)
        {
            error = $"not a login export: {failure.Message}";
            return null;
        }
    }

    /// <summary>The export a REST answer holds; null with the reason for anything else.</summary>
    public static LoginExportJson? Parse(JsonElement json, out string? error)
    {
        try
        {
            return Checked(json.Deserialize<LoginExportJson>(Options), out error);
        }
        catch (JsonException failure)
        {
            error = $"not a login export: {failure.Message}";
            return null;
        }
    }

    /// <summary>
    /// The login keys by version from <c>VERSION=0xHEX</c> texts: a non-negative decimal version, at least one byte of hex, each
    /// version once. Null with the reason (naming the version or the position, never the key) for anything else.
    /// </summary>
    public static Dictionary<int, byte[]>? Keys(IReadOnlyList<string> texts, out string? error)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var keys = new Dictionary<int, byte[]>();
        for (var i = 0; i < texts.Count; i++)
        {
            var position = string.Create(CultureInfo.InvariantCulture, $"key {i + 1}");
            var separator = texts[i].IndexOf('=', StringComparison.Ordinal);
            if (separator < 0
                || !int.TryParse(texts[i].AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                error = $"{position}: must be VERSION=0xHEX with a non-negative decimal version";
                return null;
            }

            if (!HexText.TryDecode(texts[i][(separator + 1)..], out var key, out _) || key.Length == 0)
            {
                error = string.Create(
                    CultureInfo.InvariantCulture, $"{position}: the key of version {version} must be 0x and an even number of hex digits");
                return null;
            }

            if (!keys.TryAdd(version, key))
            {
                error = string.Create(CultureInfo.InvariantCulture, $"{position}: version {version} is given twice");
                return null;
            }
        }

        error = null;
        return keys;
    }

    private static LoginExportJson? Checked(LoginExportJson? export, out string? error)
    {
        error = export is null ? "not a login export: the JSON is null" : null;
        return export;
    }
}
