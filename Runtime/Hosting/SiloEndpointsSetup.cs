using System.Net;
using Actors.Runtime.Messaging;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

/// <summary>
/// Adds the silo-to-silo port (served by <see cref="SiloConnectionHandler"/>) and the gateway port for cluster clients
/// (served by <see cref="GatewayConnectionHandler"/>) to the host's Kestrel server.
/// </summary>
internal sealed class SiloEndpointsSetup(IOptions<SiloOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var silo = options.Value;
        var address = IPAddress.Parse(silo.ListenAddress);
        kestrel.Listen(address, silo.Port, listen => listen.UseConnectionHandler<SiloConnectionHandler>());
        kestrel.Listen(address, silo.GatewayPort, listen => listen.UseConnectionHandler<GatewayConnectionHandler>());
    }
}
