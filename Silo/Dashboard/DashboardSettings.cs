namespace Actors.Silo.Dashboard;

/// <summary>The Orleans dashboard and the operator pages. Bound from the <c>Dashboard</c> configuration section.</summary>
public sealed class DashboardSettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>Whether the Orleans dashboard is served at <c>/dashboard</c> (and its services run). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long after the last dashboard request this silo stops collecting Orleans metrics for it. Default two minutes; the
    /// dashboard's grain profiler stops after one minute of no queries on its own.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an operator login lasts without a request (the cookie slides). Default eight hours.</summary>
    public TimeSpan LoginLifetime { get; set; } = TimeSpan.FromHours(8);
}
