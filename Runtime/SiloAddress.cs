using System.Globalization;

namespace Actors.Runtime;

/// <summary>
/// A silo's network address and epoch. The epoch changes each time a silo process starts, so a restarted silo on the same
/// endpoint is a different silo, and messages from its earlier life can be told apart.
/// </summary>
/// <param name="Host">The host name or IP the silo listens on.</param>
/// <param name="Port">The silo-to-silo port.</param>
/// <param name="Epoch">When this life of the silo started, in milliseconds since the Unix epoch.</param>
public readonly record struct SiloAddress(string Host, int Port, long Epoch)
{
    /// <summary><c>host:port@epoch</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}@{Epoch}");

    /// <summary><c>host:port</c>.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
