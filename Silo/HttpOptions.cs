using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Actors.Silo;

/// <summary>The REST and dashboard listener. Bound from the <c>Http</c> configuration section.</summary>
public sealed class HttpOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Http";

    /// <summary>The port for REST, health and the dashboard. Default 8080.</summary>
    public int Port { get; set; } = 8080;

    /// <summary>The address to listen on. Default 0.0.0.0 (every interface); 127.0.0.1 keeps the silo local.</summary>
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>Whether <see cref="Port"/> and <see cref="Address"/> are usable, and the address to listen on if so.</summary>
    internal bool Listens([NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        return Port is >= 1 and <= 65535 && IPAddress.TryParse(Address, out address);
    }
}
