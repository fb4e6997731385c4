using Microsoft.AspNetCore.Connections;

namespace Actors.Runtime.Messaging;

/// <summary>Kestrel's entry for the gateway port: every accepted connection is a cluster client served by the silo's gateway.</summary>
internal sealed class GatewayConnectionHandler(SiloRuntime runtime) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) => runtime.Gateway.AcceptAsync(connection);
}
