using System.Net;
using System.Net.Sockets;

namespace Actors.Benchmarks.Hosting;

/// <summary>TCP ports that were free a moment ago on 127.0.0.1.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
