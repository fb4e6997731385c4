using System.Net;
using System.Text.Json.Serialization;
using Actors.Grains.Diagnostics;
using Actors.Grains.Recovery;
using Actors.Silo.Gateway;
using Actors.Grains.Wallets;
using Actors.Runtime;
using Actors.Runtime.Hosting;
using Actors.Runtime.Invocation;
using Actors.Silo.Http;

namespace Actors.Silo;

/// <summary>Composes the silo: the actor runtime with the grains, and the HTTP endpoints, on one web host.</summary>
public static class SiloApplication
{
    /// <summary>Builds the application from command-line arguments, environment variables and appsettings.json.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        GrainRegistry.EnsureLoaded(typeof(CounterGrain).Assembly);

        var http = builder.Configuration.GetSection(HttpOptions.SectionName).Get<HttpOptions>() ?? new HttpOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(http.Address), http.Port));
        builder.Services.AddOptions<HttpOptions>().Bind(builder.Configuration.GetSection(HttpOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddActorSilo(builder.Configuration);
        builder.Services.AddOptions<WalletOptions>().Bind(builder.Configuration.GetSection(WalletOptions.Section))
            .Validate(o => o.SensitiveOperationsPerMinute >= 0, "Wallets:SensitiveOperationsPerMinute must be 0 (no limit) or more.").ValidateOnStart();
        builder.Services.AddOptions<RecoveryOptions>().Bind(builder.Configuration.GetSection(RecoveryOptions.Section))
            .Validate(o => o.Delay >= TimeSpan.Zero && o.HighRiskDelay >= o.Delay, "Recovery:Delay must not be negative, and Recovery:HighRiskDelay not shorter than it.")
            .Validate(o => o.ChainId > 0, "Recovery:ChainId must be positive.").ValidateOnStart();
        builder.Services.PostConfigure<SiloOptions>(silo => silo.HttpPort = http.Port);
        var shutdown = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>()?.ShutdownTimeout ?? new SiloOptions().ShutdownTimeout;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown + TimeSpan.FromSeconds(5));

        var gateway = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = gateway.MaxBodyBytes);
        builder.Services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .Validate(o => o.IdempotencyKeyLifetime > TimeSpan.Zero, "Gateway:IdempotencyKeyLifetime must be positive.")
            .Validate(o => o.MaxBodyBytes > 0, "Gateway:MaxBodyBytes must be positive.")
            .Validate(o => o.SessionLifetime > TimeSpan.Zero && o.ChainId > 0, "Gateway:SessionLifetime and Gateway:ChainId must be positive.")
            .Validate(o => o.RateLimit.SignInPerMinute >= 0 && o.RateLimit.WritesPerSecond >= 0, "Gateway:RateLimit limits must be 0 (off) or more.").ValidateOnStart();
        builder.Services.AddSingleton<OperatorKey>();
        builder.Services.AddSingleton<SessionTokens>();
        builder.Services.AddSingleton<PrivacyHashes>();
        RateLimits.AddTo(builder.Services, gateway.RateLimit);
        builder.Services.AddExceptionHandler<GrainErrorHandler>();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // a problem with a code, not a bare 400
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new Actors.Domain.Ethereum.EthereumAddressChecksumJsonConverter()); // EIP-55 for people
        });
        builder.Services.AddOpenApi(OpenApiSecurity.Configure);
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [HealthEndpoints.ReadyTag]);

        var app = builder.Build();
        app.UseRateLimiter(); // first: a refused request claims no Idempotency-Key and reaches no grain
        app.UseMiddleware<IdempotencyMiddleware>(); // outermost: it keeps the problem a grain error became, too
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapClusterEndpoints();
        app.MapAuthEndpoints();
        app.MapPoolEndpoints();
        app.MapWalletEndpoints();
        app.MapNftEndpoints();
        app.MapRecoveryEndpoints();
        _ = app.Services.GetRequiredService<OperatorKey>(); // resolved at start: a generated key is printed now, not at the first call
        return app;
    }
}
