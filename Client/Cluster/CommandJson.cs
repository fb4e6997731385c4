using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Client.Cluster;

/// <summary>
/// The JSON the cluster commands print and send: camelCase (the web defaults), enums by name; amounts, addresses and hashes
/// by the converters their types carry (amounts as decimal strings).
/// </summary>
internal static class CommandJson
{
    /// <summary>What commands print: indented, and escaping only what JSON requires (a terminal is no HTML page).</summary>
    public static JsonSerializerOptions Output { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>What request bodies are: compact.</summary>
    public static JsonSerializerOptions Wire { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The value as the indented JSON commands print.</summary>
    public static string Format<T>(T value) => JsonSerializer.Serialize(value, Output);
}
