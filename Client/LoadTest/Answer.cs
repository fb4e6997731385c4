using System.Text.Json;

namespace Actors.Client.LoadTest;

/// <summary>
/// What one request got: its status (0 when no answer came), the error code when it did not succeed (the problem's
/// <c>code</c>, else the status, else <c>timeout</c> or <c>connection</c>), and for a success the JSON body when it was asked for.
/// </summary>
internal sealed record Answer(int Status, string? Error, JsonElement? Body)
{
    /// <summary>Whether the request succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Whether no answer came, so the request may or may not have taken effect.</summary>
    public bool Unanswered => Status == 0;

    /// <summary>A string property of the body, or null.</summary>
    public string? this[string property] =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
