namespace Actors.Runtime;

/// <summary>What a host may ask of the silo it runs.</summary>
public interface ILocalSilo
{
    /// <summary>The silo's address and epoch.</summary>
    SiloAddress Address { get; }

    /// <summary>The cluster the silo belongs to.</summary>
    string ClusterId { get; }

    /// <summary>The silo's zone label.</summary>
    string Zone { get; }

    /// <summary>The silo's status.</summary>
    SiloStatus Status { get; }

    /// <summary>How many activations the silo holds now.</summary>
    int ActivationCount { get; }

    /// <summary>The storage provider's name.</summary>
    string StorageName { get; }

    /// <summary>The cluster as this silo last read its membership table.</summary>
    Membership.ClusterView Cluster { get; }

    /// <summary>Asks another silo for its activation count over the silo connection; null when it does not answer in time.</summary>
    Task<int?> GetActivationCountAsync(SiloAddress silo, TimeSpan timeout);

    /// <summary>True when the storage answers a read now.</summary>
    Task<bool> IsStorageReachableAsync(CancellationToken cancellationToken);
}
