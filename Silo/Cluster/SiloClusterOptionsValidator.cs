using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Cluster;

/// <summary>Checks <see cref="SiloClusterOptions"/>; every failure is one line naming its configuration key.</summary>
internal sealed partial class SiloClusterOptionsValidator(string contentRoot) : IValidateOptions<SiloClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloClusterOptions options)
    {
        var failures = Failures(options, contentRoot);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem of <paramref name="options"/>; empty when it is usable.</summary>
    public static List<string> Failures(SiloClusterOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Label(failures, "Silo:ClusterId", options.ClusterId);
        Label(failures, "Silo:ServiceId", options.ServiceId);
        Label(failures, "Silo:Zone", options.Zone);
        Port(failures, "Silo:Port", options.Port);
        Port(failures, "Silo:GatewayPort", options.GatewayPort);
        if (options.Port == options.GatewayPort)
        {
            failures.Add($"Silo:Port and Silo:GatewayPort must differ (both are {options.Port}).");
        }

        Positive(failures, "Silo:ResponseTimeout", options.ResponseTimeout);
        Positive(failures, "Silo:ConnectTimeout", options.ConnectTimeout);
        AddressAndTls(failures, options, contentRoot);
        Membership(failures, options.Membership ?? new SiloMembershipOptions());
        return failures;
    }

    private static void AddressAndTls(List<string> failures, SiloClusterOptions options, string contentRoot)
    {
        var tls = options.Tls ?? new SiloTlsOptions();
        var hasCertificate = !string.IsNullOrWhiteSpace(tls.CertificatePath);
        if (!IPAddress.TryParse(options.Address, out var address))
        {
            failures.Add($"Silo:Address must be an IP address (the silo and gateway ports bind to and advertise it); '{options.Address}' is not.");
        }
        else if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            failures.Add($"Silo:Address must be an address other silos and clients can reach; {address} cannot be advertised.");
        }
        else if (!IPAddress.IsLoopback(address) && !hasCertificate)
        {
            failures.Add(
                $"Silo:Tls:CertificatePath is required because Silo:Address {address} is not a loopback address: the silo and gateway " +
                "ports must not be open to unauthenticated callers (make a certificate with scripts/dev-certificate.sh, or bind to 127.0.0.1).");
        }

        if (hasCertificate)
        {
            var path = Path.GetFullPath(tls.CertificatePath!, contentRoot);
            if (!File.Exists(path))
            {
                failures.Add($"Silo:Tls:CertificatePath names {path}, which does not exist.");
            }
        }
        else if (!string.IsNullOrEmpty(tls.CertificatePassword))
        {
            failures.Add("Silo:Tls:CertificatePassword is set but Silo:Tls:CertificatePath is not.");
        }
    }

    private static void Membership(List<string> failures, SiloMembershipOptions membership)
    {
        Positive(failures, "Silo:Membership:ProbeTimeout", membership.ProbeTimeout);
        if (membership.MinProbeTimeout is { } min)
        {
            Positive(failures, "Silo:Membership:MinProbeTimeout", min);
        }

        if (membership.MaxProbeTimeout is { } max)
        {
            Positive(failures, "Silo:Membership:MaxProbeTimeout", max);
            var effectiveMin = membership.MinProbeTimeout ?? membership.ProbeTimeout / 2;
            if (max < effectiveMin)
            {
                failures.Add($"Silo:Membership:MaxProbeTimeout ({max}) must not be shorter than the minimum probe timeout ({effectiveMin}).");
            }
        }

        AtLeastOne(failures, "Silo:Membership:NumMissedProbesLimit", membership.NumMissedProbesLimit);
        AtLeastOne(failures, "Silo:Membership:NumProbedSilos", membership.NumProbedSilos);
        AtLeastOne(failures, "Silo:Membership:NumVotesForDeathDeclaration", membership.NumVotesForDeathDeclaration);
        if (membership.NumVotesForDeathDeclaration > membership.NumProbedSilos)
        {
            failures.Add("Silo:Membership:NumVotesForDeathDeclaration must not exceed Silo:Membership:NumProbedSilos.");
        }

        AtLeastOne(failures, "Silo:Membership:NumMissedTableIAmAliveLimit", membership.NumMissedTableIAmAliveLimit);
        Positive(failures, "Silo:Membership:IAmAliveTablePublishTimeout", membership.IAmAliveTablePublishTimeout);
        Positive(failures, "Silo:Membership:TableRefreshTimeout", membership.TableRefreshTimeout);
        Positive(failures, "Silo:Membership:DeathVoteExpirationTimeout", membership.DeathVoteExpirationTimeout);
        Positive(failures, "Silo:Membership:MaxJoinAttemptTime", membership.MaxJoinAttemptTime);
    }

    private static void Label(List<string> failures, string key, string? value)
    {
        if (value is null || !LabelPattern().IsMatch(value))
        {
            failures.Add($"{key} must be 1 to 64 letters, digits, '.', '_' or '-'; '{value}' is not.");
        }
    }

    private static void Port(List<string> failures, string key, int port)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"{key} must be a TCP port from 1 to 65535; {port} is not.");
        }
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be positive; {value} is not.");
        }
    }

    private static void AtLeastOne(List<string> failures, string key, int value)
    {
        if (value < 1)
        {
            failures.Add($"{key} must be 1 or more; {value} is not.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex LabelPattern();
}
