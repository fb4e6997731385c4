using Actors.Domain.Ethereum;
using Actors.Domain.Logins;

namespace Actors.Grains.Interfaces.Serialization;

/// <summary>How a <see cref="LoginRecord"/> crosses a grain boundary: its fields, the payload null once erased.</summary>
[GenerateSerializer]
[Alias("actors.login-record")]
public readonly struct LoginRecordSurrogate
{
    /// <summary>The record's Chain.</summary>
    [Id(0)] public string Chain { get; init; }
    /// <summary>The record's Sequence.</summary>
    [Id(1)] public long Sequence { get; init; }
    /// <summary>The record's Time.</summary>
    [Id(2)] public long Time { get; init; }
    /// <summary>The record's Kind.</summary>
    [Id(3)] public string Kind { get; init; }
    /// <summary>The record's KeyVersion.</summary>
    [Id(4)] public int KeyVersion { get; init; }
    /// <summary>The record's PreviousHash.</summary>
    [Id(5)] public Hash32 PreviousHash { get; init; }
    /// <summary>The record's Payload.</summary>
    [Id(6)] public LoginPayload? Payload { get; init; }
    /// <summary>The record's PayloadDigest.</summary>
    [Id(7)] public Hash32 PayloadDigest { get; init; }
    /// <summary>The record's Hash.</summary>
    [Id(8)] public Hash32 Hash { get; init; }
    /// <summary>The record's Hmac.</summary>
    [Id(9)] public Hash32 Hmac { get; init; }
}

/// <summary>Converts <see cref="LoginRecord"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class LoginRecordConverter : IConverter<LoginRecord, LoginRecordSurrogate>
{
    /// <inheritdoc />
    public LoginRecord ConvertFromSurrogate(in LoginRecordSurrogate s) =>
        new(s.Chain, s.Sequence, s.Time, s.Kind, s.KeyVersion, s.PreviousHash, s.Payload, s.PayloadDigest, s.Hash, s.Hmac);

    /// <inheritdoc />
    public LoginRecordSurrogate ConvertToSurrogate(in LoginRecord value) => new()
    {
        Chain = value.Chain, Sequence = value.Sequence, Time = value.Time, Kind = value.Kind, KeyVersion = value.KeyVersion,
        PreviousHash = value.PreviousHash, Payload = value.Payload, PayloadDigest = value.PayloadDigest, Hash = value.Hash, Hmac = value.Hmac,
    };
}

/// <summary>How a <see cref="LoginPayload"/> crosses a grain boundary.</summary>
[GenerateSerializer]
[Alias("actors.login-payload")]
public readonly struct LoginPayloadSurrogate
{
    /// <summary>The record's Outcome.</summary>
    [Id(0)] public string Outcome { get; init; }
    /// <summary>The record's Method.</summary>
    [Id(1)] public string? Method { get; init; }
    /// <summary>The record's SessionId.</summary>
    [Id(2)] public string? SessionId { get; init; }
    /// <summary>The record's DeviceHash.</summary>
    [Id(3)] public Hash32? DeviceHash { get; init; }
    /// <summary>The record's ClientHash.</summary>
    [Id(4)] public Hash32? ClientHash { get; init; }
    /// <summary>The record's Country.</summary>
    [Id(5)] public string? Country { get; init; }
    /// <summary>The record's Detail.</summary>
    [Id(6)] public string? Detail { get; init; }
}

/// <summary>Converts <see cref="LoginPayload"/> to and from its surrogate.</summary>
[RegisterConverter]
public sealed class LoginPayloadConverter : IConverter<LoginPayload, LoginPayloadSurrogate>
{
    /// <inheritdoc />
    public LoginPayload ConvertFromSurrogate(in LoginPayloadSurrogate s) =>
        new(s.Outcome, s.Method, s.SessionId, s.DeviceHash, s.ClientHash, s.Country, s.Detail);

    /// <inheritdoc />
    public LoginPayloadSurrogate ConvertToSurrogate(in LoginPayload value) => new()
    {
        Outcome = value.Outcome, Method = value.Method, SessionId = value.SessionId, DeviceHash = value.DeviceHash,
        ClientHash = value.ClientHash, Country = value.Country, Detail = value.Detail,
    };
}
