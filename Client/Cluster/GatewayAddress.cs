using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Actors.Client.Cluster;

/// <summary>A silo's gateway as <c>--gateway</c> gives it: <c>host:port</c>, the host a name or an IP address.</summary>
internal readonly record struct GatewayAddress(string Host, int Port)
{
    /// <summary>Reads <c>host:port</c> (an IPv6 host in brackets) with a port in 1..65535.</summary>
    public static bool TryParse(string? text, out GatewayAddress address)
    {
        address = default;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (colon <= 0 || colon == text!.Length - 1)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0 || host.Any(char.IsControl) || host.Any(char.IsWhiteSpace)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        address = new GatewayAddress(host, port);
        return true;
    }

    /// <summary>The endpoint the Orleans client dials: the host's IPv4 address when it has one (silos advertise IPv4 by default).</summary>
    public async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var ip))
        {
            return new IPEndPoint(ip, Port);
        }

        var addresses = await Dns.GetHostAddressesAsync(Host, cancellationToken);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
        return new IPEndPoint(chosen, Port);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
