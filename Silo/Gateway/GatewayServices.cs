using System.Text.Json.Serialization;
using Actors.Domain.Ethereum;
using Microsoft.AspNetCore.Routing;

namespace Actors.Silo.Gateway;

/// <summary>The REST gateway on the silo's web host: its options, credentials, limits, errors, JSON, OpenAPI and routes.</summary>
internal static class GatewayServices
{
    public static void AddGateway(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration.GetSection(GatewayOptions.SectionName);
        var gateway = configuration.Get<GatewayOptions>() ?? new GatewayOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (gateway.MaxBodyBytes > 0) // Kestrel refuses others with an exception before the validation below names the setting
            {
                kestrel.Limits.MaxRequestBodySize = gateway.MaxBodyBytes;
            }
        });
        builder.Services.AddOptions<GatewayOptions>().Bind(configuration)
            .Validate(o => o.IdempotencyKeyLifetime > TimeSpan.Zero, "Gateway:IdempotencyKeyLifetime must be positive.")
            .Validate(o => o.IdempotencyLease > TimeSpan.Zero && o.IdempotencyLease < o.IdempotencyKeyLifetime,
                "Gateway:IdempotencyLease must be positive and shorter than Gateway:IdempotencyKeyLifetime.")
            .Validate(o => o.IdempotencySweepInterval > TimeSpan.Zero, "Gateway:IdempotencySweepInterval must be positive.")
            .Validate(o => o.MaxBodyBytes > 0, "Gateway:MaxBodyBytes must be positive.")
            .Validate(o => o.SessionLifetime > TimeSpan.Zero && o.ChainId > 0,
                "Gateway:SessionLifetime and Gateway:ChainId must be positive.")
            .Validate(o => o.RateLimit.SignInPerMinute >= 0 && o.RateLimit.WritesPerSecond >= 0,
                "Gateway:RateLimit limits must be 0 (off) or more.")
            .Validate(o => o.OperatorKey is null or "" || OperatorKey.IsAcceptable(o.OperatorKey),
                $"Gateway:OperatorKey must be at least {OperatorKey.MinLength} printable ASCII characters without spaces (or unset, to generate one).")
            .Validate(o => SignInTerms.IsDomain(o.Domain), "Gateway:Domain must be a host name, with a port if any (no scheme or path).")
            .Validate(o => SignInTerms.IsPublicUrl(o.PublicUrl),
                "Gateway:PublicUrl must be an absolute http or https URL with no user, query or fragment.")
            .ValidateOnStart();
        builder.Services.AddSingleton<OperatorKey>();
        builder.Services.AddSingleton<SignInTerms>();
        builder.Services.AddSingleton<SignInNonces>();
        builder.Services.AddSingleton<SignInAudit>();
        builder.Services.AddSingleton<Orleans.ILifecycleParticipant<Orleans.Runtime.ISiloLifecycle>, OperatorKeyLifecycle>();
        builder.Services.AddSingleton<SessionTokens>();
        builder.Services.AddSingleton<PrivacyHashes>();
        builder.Services.AddSingleton<Actors.Silo.Logins.LoginRecorder>();
        builder.Services.AddSingleton<IdempotencySweep>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IdempotencySweep>());
        RateLimits.AddTo(builder.Services, gateway.RateLimit);
        builder.Services.AddExceptionHandler<GrainErrorHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // a problem with a code, not a bare 400
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Customize); // every problem has a code
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.AllowDuplicateProperties = false; // {"amount":"1","amount":"9"} is refused, not "the last one wins"
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new EthereumAddressChecksumJsonConverter()); // EIP-55 for people
        });
        builder.Services.AddOpenApi(options =>
        {
            OpenApiSecurity.Configure(options);
            OpenApiResponses.Configure(options);
        });
    }

    public static void UseGateway(this WebApplication app)
    {
        app.UseRateLimiter(); // first: a refused request claims no Idempotency-Key and reaches no grain
        app.UseMiddleware<IdempotencyMiddleware>(); // outermost: it keeps the problem a grain error became, too
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        var api = app.MapGroup("").WithCommonProblems();
        api.MapAuthEndpoints();
        api.MapPoolEndpoints();
        api.MapWalletEndpoints();
        api.MapNftEndpoints();
        api.MapRecoveryEndpoints();
        Actors.Silo.Logins.LoginEndpoints.MapLoginEndpoints(api);
        _ = app.Services.GetRequiredService<OperatorKey>(); // resolved at start: a generated key is printed now, not at the first call
    }
}
