using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Actors.Client.Tests.LoadTest;

/// <summary>The real silo host in memory, set up as a silo under load test runs: sign-in, write and wallet rate limits off.</summary>
public sealed class LoadTestSilo : WebApplicationFactory<Actors.Silo.HttpOptions>
{
    public const string OperatorKey = "load-tests-operator-key-0123456789abcdef";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "memory");
        builder.UseSetting("Gateway:OperatorKey", OperatorKey);
        builder.UseSetting("Gateway:RateLimit:SignInPerMinute", "0");
        builder.UseSetting("Gateway:RateLimit:WritesPerSecond", "0");
        builder.UseSetting("Wallets:SensitiveOperationsPerMinute", "0");
        builder.UseSetting("Silo:Port", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Silo:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
    }
}
