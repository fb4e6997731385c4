using System.Text.Json;
using System.Text.Json.Serialization;
using Actors.Domain.Ethereum;
using Actors.Domain.Logins;

namespace Actors.Providers.Logins;

/// <summary>
/// How a record is kept in a row: what never changes (kind, key version, previous hash, payload digest, HMAC) as the header,
/// and what erasure drops as the payload, each JSON; chain, sequence, time and hash have columns of their own.
/// </summary>
internal static class LoginRowJson
{
    public static string Header(LoginRecord record) => JsonSerializer.Serialize(
        new HeaderJson(record.Kind, record.KeyVersion, record.PreviousHash.ToString(), record.PayloadDigest.ToString(), record.Hmac.ToString()),
        LoginRowJsonContext.Default.HeaderJson);

    public static string? Payload(LoginRecord record) => record.Payload is { } p
        ? JsonSerializer.Serialize(
            new PayloadJson(p.Outcome, p.Method, p.SessionId, p.DeviceHash?.ToString(), p.ClientHash?.ToString(), p.Country, p.Detail),
            LoginRowJsonContext.Default.PayloadJson)
        : null;

    public static LoginRecord Read(string chain, long sequence, long time, string header, string? payload, byte[] hash)
    {
        var h = JsonSerializer.Deserialize(header, LoginRowJsonContext.Default.HeaderJson)
            ?? throw new InvalidDataException($"The header of login record {chain}/{sequence} is empty.");
        LoginPayload? p = null;
        if (payload is not null)
        {
            var j = JsonSerializer.Deserialize(payload, LoginRowJsonContext.Default.PayloadJson)
                ?? throw new InvalidDataException($"The payload of login record {chain}/{sequence} is empty.");
            p = new LoginPayload(j.Outcome, j.Method, j.SessionId, j.DeviceHash is null ? null : Hash32.Parse(j.DeviceHash),
                j.ClientHash is null ? null : Hash32.Parse(j.ClientHash), j.Country, j.Detail);
        }

        return new LoginRecord(chain, sequence, time, h.Kind, h.KeyVersion, Hash32.Parse(h.PreviousHash), p,
            Hash32.Parse(h.PayloadDigest), Hash32.FromBytes(hash), Hash32.Parse(h.Hmac));
    }

    internal sealed record HeaderJson(string Kind, int KeyVersion, string PreviousHash, string PayloadDigest, string Hmac);

    internal sealed record PayloadJson(
        string Outcome, string? Method, string? SessionId, string? DeviceHash, string? ClientHash, string? Country, string? Detail);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoginRowJson.HeaderJson))]
[JsonSerializable(typeof(LoginRowJson.PayloadJson))]
internal sealed partial class LoginRowJsonContext : JsonSerializerContext;
