using Orleans.Runtime;

namespace Actors.Providers.Storage;

/// <summary>
/// A stored state record could not be read as the grain's state type: its bytes are not the JSON of that type. The record is
/// left as it is, so an operator can inspect or repair it; the activation that read it fails.
/// </summary>
[GenerateSerializer]
[Alias("actors.corrupt-state")]
public sealed class CorruptStateException : OrleansException
{
    /// <summary>Creates the exception.</summary>
    public CorruptStateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CorruptStateException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the serializer error behind it.</summary>
    public CorruptStateException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
