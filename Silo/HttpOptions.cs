using System.ComponentModel.DataAnnotations;

namespace Actors.Silo;

/// <summary>The REST and dashboard listener. Bound from the <c>Http</c> configuration section.</summary>
public sealed class HttpOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Http";

    /// <summary>The port for REST, health and the dashboard. Default 8080.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>The address to listen on. Default 0.0.0.0 (every interface); 127.0.0.1 keeps the silo local.</summary>
    [Required]
    public string Address { get; set; } = "0.0.0.0";
}
