using System.Globalization;

namespace Actors.Runtime.Client;

/// <summary>A gateway's <c>host:port</c>, as configured and as gateways list each other.</summary>
internal readonly record struct GatewayEndpoint(string Host, int Port)
{
    public static bool TryParse(string? text, out GatewayEndpoint endpoint)
    {
        endpoint = default;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (colon <= 0 || colon == text!.Length - 1)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0 || host.Any(char.IsControl) || host.Any(char.IsWhiteSpace)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        endpoint = new GatewayEndpoint(host, port);
        return true;
    }

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
