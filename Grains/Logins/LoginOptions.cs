namespace Actors.Grains.Logins;

/// <summary>Login record settings, bound from the <c>Logins</c> configuration section.</summary>
public sealed class LoginOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Logins";

    /// <summary>Whether sign-ins and session events are recorded; off only to measure what recording costs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the records appended since the last batch are committed as a batch.</summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most records in one batch; reaching it commits a batch before the interval ends.</summary>
    public int BatchMaxRecords { get; set; } = 100_000;

    /// <summary>How long a record keeps its payload; older ones are tombstoned by the log's reminder.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Records a wallet's grain keeps in its state (the recent tier), beside the log's table.</summary>
    public int RecentRecords { get; set; } = 32;

    /// <summary>
    /// Login keys by version (any text; hashed to 32 bytes). A version without one here uses a random key the cluster keeps in
    /// its storage, created at first use; a rotation moves to the next version either way.
    /// </summary>
    public Dictionary<int, string> HmacKeys { get; set; } = [];

    /// <summary>How long a silo caches the current key version: a rotation reaches the other silos within it.</summary>
    public TimeSpan KeyVersionCache { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The anomaly rules.</summary>
    public LoginAnomalyOptions Anomaly { get; set; } = new();
}

/// <summary>
/// The anomaly rules, run on each sign-in: a burst of refused sign-ins asks for a step-up; a sign-in from a device and a country
/// both new to the wallet asks for a step-up; sign-ins from too many countries within a window freeze the wallet for a while
/// (<c>login_anomaly</c>).
/// </summary>
public sealed class LoginAnomalyOptions
{
    /// <summary>Refused sign-ins within <see cref="RefusedWindow"/> that make a burst.</summary>
    public int RefusedBurst { get; set; } = 5;

    /// <summary>The window of <see cref="RefusedBurst"/>.</summary>
    public TimeSpan RefusedWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Distinct countries of sign-ins within <see cref="CountryWindow"/> that freeze the wallet.</summary>
    public int Countries { get; set; } = 3;

    /// <summary>The window of <see cref="Countries"/>.</summary>
    public TimeSpan CountryWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an anomaly's freeze lasts.</summary>
    public TimeSpan FreezeDuration { get; set; } = TimeSpan.FromHours(1);
}
