using System.ComponentModel.DataAnnotations;

namespace Actors.Runtime;

/// <summary>A silo's identity and runtime timings. Bound from the <c>Silo</c> configuration section.</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Silo";

    /// <summary>The cluster this silo belongs to. Default <c>dev</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string ClusterId { get; set; } = "dev";

    /// <summary>The host name or IP other silos and clients reach this silo at. Default 127.0.0.1.</summary>
    [Required]
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>The silo-to-silo port. Default 11111.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 11111;

    /// <summary>The port cluster clients connect to. Default 30000.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The REST port advertised in the membership table; the Silo host sets it from <c>Http:Port</c>. Default 0 (none).</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; }

    /// <summary>The zone (failure domain) label of this silo. Default <c>default</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string Zone { get; set; } = "default";

    /// <summary>The address the silo and gateway ports listen on. Default 0.0.0.0 (every interface).</summary>
    [Required]
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>How long connecting to another silo may take. Default 2 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a caller waits for a grain's answer unless the method says otherwise. Default 30 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often calls are checked against their deadlines; a call may time out this much late. Default 200 ms.</summary>
    public TimeSpan ResponseTimeoutScanPeriod { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long an activation may stay idle before it is deactivated. Default 15 minutes.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for; collection happens up to this much after the age. Default 1 minute.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long OnActivateAsync may take before its token is cancelled. Default 30 s.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long OnDeactivateAsync may take before the activation is dropped anyway. Default 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a graceful shutdown waits for all activations to deactivate. Default 60 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
