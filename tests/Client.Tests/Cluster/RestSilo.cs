using System.Globalization;
using Actors.Client.Cluster;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Actors.Client.Tests.Cluster;

/// <summary>
/// The real silo host in memory (in-memory storage, a configured operator key, its Orleans ports free ones), with the client's
/// HTTP requests recorded on their way to it.
/// </summary>
public sealed class RestSilo : WebApplicationFactory<Actors.Silo.HttpOptions>
{
    public const string OperatorKey = "client-tests-operator-key-0123456789abcdef";

    private RecordingHandler? _recorder;

    /// <summary>Every request the commands sent.</summary>
    internal RecordingHandler Recorder => _recorder ??= new RecordingHandler(Server.CreateHandler());

    /// <summary>Services whose HTTP goes to this host, with the given environment variables.</summary>
    internal CommandServices ClientServices(IReadOnlyDictionary<string, string>? variables = null) => Cli.Over(Recorder, variables);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "memory");
        builder.UseSetting("Gateway:OperatorKey", OperatorKey);
        builder.UseSetting("Silo:Port", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Silo:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _recorder?.Dispose();
        }

        base.Dispose(disposing);
    }
}
