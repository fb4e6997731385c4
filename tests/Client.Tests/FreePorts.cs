using Actors.Testing;

namespace Actors.Client.Tests;

/// <summary>Loopback ports nothing listens on when asked: for silos the tests start, and for gateways that must not answer.</summary>
internal static class FreePorts
{
    public static int Next() => SiloProcess.FreePort();
}
