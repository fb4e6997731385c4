using System.Globalization;
using System.Text.RegularExpressions;
using Actors.Grains.Interfaces.Security;

namespace Actors.Client.Cluster;

/// <summary>
/// How a command reaches the cluster through the Orleans client: the gateways to start from, the cluster's id, how long one
/// call and the whole command may take, and the client certificate a TLS gateway asks for.
/// </summary>
internal sealed partial class ClusterClientOptions
{
    /// <summary>The gateway of a silo started with the defaults on this machine.</summary>
    public const string DefaultGateway = "127.0.0.1:30000";

    /// <summary>The cluster id of a silo started with the defaults.</summary>
    public const string DefaultClusterId = "dev";

    /// <summary>Gateways as <c>host:port</c> (a silo's <c>Silo:GatewayPort</c>); one live gateway is enough.</summary>
    public IReadOnlyList<string> Gateways { get; init; } = [DefaultGateway];

    /// <summary>The cluster's id (<c>Silo:ClusterId</c>); a gateway of another cluster refuses the connection.</summary>
    public string ClusterId { get; init; } = DefaultClusterId;

    /// <summary>
    /// How long one call may wait for its answer. Orleans's default of 30 s is what a call in flight to a silo that died
    /// waits, so the client keeps it short and retries instead. Default 5 s.
    /// </summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the command may take, connecting and retries included. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A PKCS#12 file holding the client certificate and its key, for gateways that require mutual TLS; null for none.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The password of <see cref="CertificatePath"/>, or null. Never printed.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>The gateways parsed; valid once <see cref="Validate"/> returned null.</summary>
    public IEnumerable<GatewayAddress> Addresses =>
        Gateways.Select(g => GatewayAddress.TryParse(g, out var address) ? address : throw new InvalidOperationException(Validate()));

    /// <summary>Checks the options; returns the first problem, naming the option, or null.</summary>
    public string? Validate()
    {
        if (Gateways.Count == 0)
        {
            return "--gateway: give at least one gateway as host:port";
        }

        foreach (var gateway in Gateways)
        {
            if (!GatewayAddress.TryParse(gateway, out _))
            {
                return $"--gateway: '{gateway}' is not host:port with a port in 1..65535";
            }
        }

        if (!ClusterIdPattern().IsMatch(ClusterId ?? ""))
        {
            return "--cluster-id: must be 1 to 64 letters, digits, '.', '_' or '-'";
        }

        if (ResponseTimeout <= TimeSpan.Zero || Timeout <= TimeSpan.Zero)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"--response-timeout and --timeout: must be more than 0 seconds, not {ResponseTimeout.TotalSeconds} and "
                + $"{Timeout.TotalSeconds}");
        }

        if (CertificatePath is not null && !File.Exists(CertificatePath))
        {
            return $"--certificate: no file '{CertificatePath}'";
        }

        return CertificatePassword is not null && CertificatePath is null ? "--certificate-password: needs --certificate" : null;
    }

    /// <summary>
    /// The Orleans service id the client states: <c>actors</c>, the silos' default (<c>Silo:ServiceId</c>). Gateways admit a
    /// client by its cluster id alone, so a cluster with another service id is reached all the same.
    /// </summary>
    public string ServiceId { get; init; } = DefaultServiceId;

    /// <summary>The service id of silos started with the defaults.</summary>
    public const string DefaultServiceId = "actors";

    /// <summary>
    /// Reads the client certificate, when one is given; false with the problem, naming the option, when the file cannot be
    /// read with the password, its certificate does not chain to the CA beside it, or does not allow client authentication.
    /// </summary>
    public bool TryLoadCertificate(TimeProvider time, out ClusterCertificate? certificate, out string? problem)
    {
        (certificate, problem) = (null, null);
        if (CertificatePath is null)
        {
            return true;
        }

        try
        {
            var loaded = ClusterCertificate.Load(CertificatePath, CertificatePassword, time);
            if (loaded.AllowsClientAuthentication)
            {
                certificate = loaded;
                return true;
            }

            problem = $"--certificate: the certificate {loaded.Certificate.Subject} does not allow client authentication "
                + "(extended key usage clientAuth)";
            loaded.Dispose();
        }
        catch (InvalidOperationException error)
        {
            problem = $"--certificate: {error.Message}";
        }

        return false;
    }

    /// <summary>Names no secret.</summary>
    public override string ToString() => $"cluster '{ClusterId}' at {string.Join(", ", Gateways)}";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ClusterIdPattern();
}
