using System.Text.Json.Serialization;
using Actors.Grains.Interfaces.Gateway;

namespace Actors.Grains.Gateway;

/// <summary>The idempotency record's stored state (JSON: fields added since the first version read as absent from its rows).</summary>
public sealed class IdempotencyState
{
    /// <summary>The fingerprint of the request the key belongs to; null when the key was never used.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>When the record began: its lifetime counts from here, and its ticks are the epoch of the key's operation id.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the holder claimed the key or last renewed its lease.</summary>
    public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>
    /// The silo running the request (<see cref="SiloAddress.ToParsableString"/>, which names the silo's life, not only its
    /// endpoint); null once the request completed or its attempt gave the claim up.
    /// </summary>
    public string? Holder { get; set; }

    /// <summary>The response, once the request completed.</summary>
    public StoredResponse? Response { get; set; }

    /// <summary><see cref="Holder"/> as an address.</summary>
    [JsonIgnore]
    public SiloAddress? HolderAddress => Holder is null ? null : SiloAddress.FromParsableString(Holder);
}
