namespace Actors.Runtime.Membership;

/// <summary>The cluster as this silo last read it: every member, and the Active ones that own grains.</summary>
public sealed class ClusterView
{
    /// <summary>Creates a view.</summary>
    public ClusterView(long version, IReadOnlyList<MembershipEntry> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Version = version;
        Members = members;
        Active = [.. members.Where(m => m.Status == SiloStatus.Active).OrderBy(m => m.Silo.Host, StringComparer.Ordinal).ThenBy(m => m.Silo.Port).ThenBy(m => m.Silo.Epoch)];
    }

    /// <summary>An empty view: no member yet.</summary>
    public static ClusterView Empty { get; } = new(0, []);

    /// <summary>The table version the view was read at.</summary>
    public long Version { get; }

    /// <summary>Every row of the cluster.</summary>
    public IReadOnlyList<MembershipEntry> Members { get; }

    /// <summary>The Active members, in a fixed order.</summary>
    public IReadOnlyList<MembershipEntry> Active { get; }

    /// <summary>True when the silo (this exact epoch) is Active in the view.</summary>
    public bool IsActive(SiloAddress silo) => Active.Any(m => m.Silo == silo);

    /// <summary>The member row of a silo, if the view has it.</summary>
    public MembershipEntry? Find(SiloAddress silo) => Members.FirstOrDefault(m => m.Silo == silo);
}
