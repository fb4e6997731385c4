namespace Actors.Silo.Cluster;

/// <summary>How this silo joins and keeps its cluster. Bound from the <c>Silo</c> configuration section.</summary>
internal sealed class SiloClusterOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Silo";

    /// <summary>The cluster (deployment) this silo joins; silos and clients with another id never talk. Default <c>dev</c>.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>
    /// The service this cluster runs, stable across deployments (Orleans keys reminders by it, so changing it orphans them).
    /// Default <c>actors</c>.
    /// </summary>
    public string ServiceId { get; set; } = "actors";

    /// <summary>
    /// The IP address the silo and gateway ports bind to and advertise to other silos and clients. Default 127.0.0.1: on any
    /// other address the silo refuses to start without <see cref="SiloTlsOptions.CertificatePath"/>.
    /// </summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The silo-to-silo port. Default 11111.</summary>
    public int Port { get; set; } = 11111;

    /// <summary>The port cluster clients connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The zone (failure domain) label, published as silo metadata; placement spreads grains over zones. Default <c>default</c>.</summary>
    public string Zone { get; set; } = "default";

    /// <summary>
    /// How long a grain call made on this silo (REST gateway included) waits for its answer. Default 10 s (Orleans: 30 s). A call
    /// to a silo that died fails once the silo is declared dead, well before this; the timeout bounds calls into a silo that hangs
    /// without dying. Shorter fails such calls sooner, so callers retry (with their idempotency key) elsewhere; too short times out
    /// slow but healthy work, such as a large commit batch under load.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long opening a connection to another silo may take. Default 2 s (Orleans: 5 s). A host that vanished without closing its
    /// sockets holds messages addressed to it this long; too short turns a slow handshake (TLS on a starved CPU) into a failure.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Mutual TLS on the silo and gateway ports.</summary>
    public SiloTlsOptions Tls { get; set; } = new();

    /// <summary>Failure detection: how fast a dead silo is declared dead, against how easily a slow one is.</summary>
    public SiloMembershipOptions Membership { get; set; } = new();
}
