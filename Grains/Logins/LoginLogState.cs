using Actors.Domain.Ethereum;
using Actors.Domain.Logins;

namespace Actors.Grains.Logins;

/// <summary>
/// A login chain's recent tier: the head, the last records, the sessions still open, and what the anomaly rules remember
/// (refused sign-ins, the countries of the last hour; the devices and countries a wallet knows are the wallet's, which recovery risk scoring reads too). The whole chain is in the log's table.
/// </summary>
public sealed class LoginLogState
{
    /// <summary>The last record's sequence; 0 for an empty chain.</summary>
    public long HeadSequence { get; set; }

    /// <summary>The last record's hash.</summary>
    public Hash32? HeadHash { get; set; }

    /// <summary>The last record's time.</summary>
    public long HeadTime { get; set; }

    /// <summary>The last record's key version.</summary>
    public int HeadKeyVersion { get; set; }

    /// <summary>The last records, oldest first.</summary>
    public List<LoginRecord> Recent { get; set; } = [];

    /// <summary>Sessions issued and not yet recorded as ended, by id: when each expires.</summary>
    public Dictionary<string, long> OpenSessions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Times of the refused sign-ins within the burst window.</summary>
    public List<long> Refused { get; set; } = [];

    /// <summary>When the last burst of refusals asked for a step-up.</summary>
    public long LastBurstAt { get; set; }

    /// <summary>The countries of sign-ins within the country window, with their times.</summary>
    public List<CountrySeen> RecentCountries { get; set; } = [];
}

/// <summary>A sign-in's country and time.</summary>
public sealed record CountrySeen(string Country, long Time);
