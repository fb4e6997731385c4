using System.Text.Json;

namespace Actors.Runtime.Serialization;

/// <summary>
/// UTF-8 JSON through System.Text.Json. Unknown properties are ignored and missing ones keep their defaults, so adding or
/// removing a field never breaks reading records written by another version.
/// </summary>
public sealed class JsonGrainStateSerializer(JsonSerializerOptions options) : IGrainStateSerializer
{
    /// <summary>The options used when none are given: web defaults (camelCase), fields included, no indentation.</summary>
    public static JsonSerializerOptions DefaultOptions { get; } = new(JsonSerializerDefaults.Web) { IncludeFields = true };

    /// <summary>Creates the serializer with <see cref="DefaultOptions"/>.</summary>
    public JsonGrainStateSerializer() : this(DefaultOptions) { }

    /// <inheritdoc />
    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, options);

    /// <inheritdoc />
    public T Deserialize<T>(ReadOnlySpan<byte> data) =>
        JsonSerializer.Deserialize<T>(data, options) ?? throw new JsonException($"The stored value is null, not a {typeof(T).Name}.");
}
