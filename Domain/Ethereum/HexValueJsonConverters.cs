using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Domain.Ethereum;

/// <summary>Reads and writes an <see cref="EthereumAddress"/> as a JSON string: written in lowercase, read in any valid form (EIP-55 checked).</summary>
public sealed class EthereumAddressJsonConverter : JsonConverter<EthereumAddress>
{
    /// <inheritdoc/>
    public override EthereumAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        EthereumAddress.TryParse(HexJson.ReadString(ref reader, "address"), out var address, out var error) ? address : throw new JsonException(error);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, EthereumAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToLowerHex());
    }
}

/// <summary>Reads an <see cref="EthereumAddress"/> as <see cref="EthereumAddressJsonConverter"/> does, and writes it EIP-55 checksummed, for people to read.</summary>
public sealed class EthereumAddressChecksumJsonConverter : JsonConverter<EthereumAddress>
{
    private static readonly EthereumAddressJsonConverter Reader = new();

    /// <inheritdoc/>
    public override EthereumAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Reader.Read(ref reader, typeToConvert, options);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, EthereumAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}

/// <summary>Reads and writes a <see cref="Hash32"/> as a JSON string of <c>0x</c> and 64 hex digits.</summary>
public sealed class Hash32JsonConverter : JsonConverter<Hash32>
{
    /// <inheritdoc/>
    public override Hash32 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Hash32.TryParse(HexJson.ReadString(ref reader, "hash"), out var hash, out var error) ? hash : throw new JsonException(error);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Hash32 value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}

internal static class HexJson
{
    public static string ReadString(ref Utf8JsonReader reader, string what) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new JsonException($"An {what} must be a JSON string of 0x and hex digits, not {reader.TokenType}.");
}
