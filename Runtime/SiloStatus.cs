namespace Actors.Runtime;

/// <summary>A silo's status in the cluster, as the membership table records it.</summary>
public enum SiloStatus
{
    /// <summary>Starting: storage is being prepared; no grain calls yet.</summary>
    Joining,

    /// <summary>Serving grain calls.</summary>
    Active,

    /// <summary>Deactivating its grains before it stops.</summary>
    ShuttingDown,

    /// <summary>Stopped, or declared dead by its peers.</summary>
    Dead,
}
