using System.CommandLine;

namespace Actors.Client.Cluster;

/// <summary>
/// The options of commands that call grains through the cluster client: <c>--gateway</c>, <c>--cluster-id</c>, the timeouts,
/// and the client certificate for gateways that require mutual TLS.
/// </summary>
internal sealed class GatewayOptions
{
    /// <summary>The environment variable read when <c>--certificate</c> is not given.</summary>
    public const string CertificateVariable = "ACTORS_CLIENT_CERTIFICATE";

    /// <summary>The environment variable read when <c>--certificate-password</c> is not given.</summary>
    public const string CertificatePasswordVariable = "ACTORS_CLIENT_CERTIFICATE_PASSWORD";

    private static readonly ClusterClientOptions Defaults = new();

    public Option<string[]> Gateways { get; } = new("--gateway")
    {
        Description = "A silo's gateway as host:port (Silo:GatewayPort); repeat it to give several.",
        DefaultValueFactory = _ => [ClusterClientOptions.DefaultGateway],
        // One value per --gateway, so that a command's arguments may follow it: --gateway a --gateway b.
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = "The cluster's id (Silo:ClusterId).",
        DefaultValueFactory = _ => ClusterClientOptions.DefaultClusterId,
    };

    public Option<double> ResponseTimeout { get; } = new("--response-timeout")
    {
        Description = "Seconds one grain call may wait for its answer before it is retried (with the same operation id).",
        DefaultValueFactory = _ => Defaults.ResponseTimeout.TotalSeconds,
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds the command may take through the cluster client, connecting and retries included.",
        DefaultValueFactory = _ => Defaults.Timeout.TotalSeconds,
    };

    public Option<string?> Certificate { get; } = new("--certificate")
    {
        Description = "A PKCS#12 (.pfx) file with the client certificate and the cluster's CA certificate, for gateways that require "
            + $"mutual TLS (default: ${CertificateVariable}).",
    };

    public Option<string?> CertificatePassword { get; } = new("--certificate-password")
    {
        Description = $"The password of --certificate (default: ${CertificatePasswordVariable}). Never printed.",
    };

    /// <summary>Every option, in the order help lists them.</summary>
    public IEnumerable<Option> All => [Gateways, ClusterId, ResponseTimeout, Timeout, Certificate, CertificatePassword];

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The options given, the certificate and its password from <paramref name="variable"/> when not given.</summary>
    public ClusterClientOptions Read(ParseResult result, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(variable);
        var certificate = result.GetValue(Certificate) ?? NonEmpty(variable(CertificateVariable));
        var password = result.GetValue(CertificatePassword) ?? (certificate is null ? null : variable(CertificatePasswordVariable));
        return new ClusterClientOptions
        {
            Gateways = result.GetValue(Gateways) ?? [],
            ClusterId = result.GetValue(ClusterId) ?? ClusterClientOptions.DefaultClusterId,
            ResponseTimeout = Seconds(result.GetValue(ResponseTimeout)),
            Timeout = Seconds(result.GetValue(Timeout)),
            CertificatePath = certificate,
            CertificatePassword = password,
        };
    }

    // NaN, infinities and values past TimeSpan's range read as zero, which the options refuse.
    private static TimeSpan Seconds(double seconds) =>
        double.IsFinite(seconds) && seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
