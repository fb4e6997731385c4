using System.Text.Json;

namespace Actors.Providers.Storage;

/// <summary>
/// Grain state as UTF-8 JSON through System.Text.Json, with the options of the project's first version: web defaults (camelCase
/// names, case-insensitive reads), fields included, no indentation. Unknown properties are ignored and missing ones keep their
/// defaults, so adding or removing a field never breaks reading records written by another version.
/// </summary>
internal static class GrainStateJson
{
    /// <summary>The options every record has been written with since the first version; changing them would strand old rows.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { IncludeFields = true };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>The stored value, or default when the record holds JSON <c>null</c>.</summary>
    /// <exception cref="JsonException">The bytes are not JSON, or not a <typeparamref name="T"/>.</exception>
    public static T? Deserialize<T>(ReadOnlySpan<byte> data) => JsonSerializer.Deserialize<T>(data, Options);
}
