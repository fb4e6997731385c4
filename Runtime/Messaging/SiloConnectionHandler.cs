using Microsoft.AspNetCore.Connections;

namespace Actors.Runtime.Messaging;

/// <summary>Kestrel's entry for the silo port: every accepted connection is handed to the silo's message center.</summary>
internal sealed class SiloConnectionHandler(SiloRuntime runtime) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) => runtime.Messages.AcceptAsync(connection);
}
