using System.Globalization;
using Actors.Testing;

namespace Actors.Silo.Tests;

/// <summary>Loopback ports nothing listens on, as configuration values, for silos that run side by side in one test process.</summary>
internal static class FreePorts
{
    public static string Next() => SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture);
}
