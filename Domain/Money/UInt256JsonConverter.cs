using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Domain.Money;

/// <summary>
/// Reads and writes a <see cref="UInt256"/> as a JSON string of decimal digits ("1000000000000000000"). A JSON number is
/// rejected: most JSON readers hold numbers as doubles, exact only up to 2^53, and money must not lose digits on the way.
/// </summary>
public sealed class UInt256JsonConverter : JsonConverter<UInt256>
{
    /// <inheritdoc/>
    public override UInt256 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            throw new JsonException("An amount must be a JSON string of decimal digits (e.g. \"1000\"), not a JSON number.");
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"An amount must be a JSON string of decimal digits, not {reader.TokenType}.");
        }

        return UInt256.TryParse(reader.GetString(), out var value, out var error) ? value : throw new JsonException(error);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, UInt256 value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> utf8 = stackalloc byte[UInt256.MaxDigits];
        value.TryFormat(utf8, out var written, default, null);
        writer.WriteStringValue(utf8[..written]);
    }
}
