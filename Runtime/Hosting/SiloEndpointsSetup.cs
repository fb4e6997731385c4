using System.Net;
using Actors.Runtime.Messaging;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

/// <summary>Adds the silo-to-silo port to the host's Kestrel server, served by <see cref="SiloConnectionHandler"/>.</summary>
internal sealed class SiloEndpointsSetup(IOptions<SiloOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var silo = options.Value;
        kestrel.Listen(IPAddress.Parse(silo.ListenAddress), silo.Port, listen => listen.UseConnectionHandler<SiloConnectionHandler>());
    }
}
