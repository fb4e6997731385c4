using Orleans.Runtime;

namespace Actors.Providers.Storage;

/// <summary>
/// A database of the providers (grain state, membership, reminders) could not be reached or refused an operation. It derives
/// from <see cref="OrleansException"/> so that callers treat it as a fault of the cluster, not of the request, and retry.
/// </summary>
[GenerateSerializer]
[Alias("actors.storage-unavailable")]
public sealed class StorageUnavailableException : OrleansException
{
    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StorageUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the provider error behind it.</summary>
    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
