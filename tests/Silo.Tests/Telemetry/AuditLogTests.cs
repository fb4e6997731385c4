using System.Net;
using Actors.Domain.Ethereum;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Actors.Silo.Tests.Telemetry;

/// <summary>Operator actions and refused sign-ins leave log events with stable ids, and no secret in them.</summary>
public sealed class AuditLogTests : RouteTestBase
{
    private readonly FakeLogCollector _logs = new();

    [Fact]
    public async Task An_operator_action_is_logged_with_its_route_target_and_outcome_and_never_the_key()
    {
        var alice = Api.Alice.Address;

        var frozen = await Api.PostAsync($"/api/wallets/{alice}/freeze", new { reason = "fraud-review" }, asOperator: true);
        var refused = await Api.PutAsync("/api/pools/audit-pool", new { ratePerSecond = "x" }, asOperator: true);
        var keyless = await Api.PostAsync($"/api/wallets/{alice}/unfreeze", new { reason = "fraud-review" });

        Assert.Equal(HttpStatusCode.OK, frozen.Status);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, keyless.Status);
        var done = Assert.Single(Events(7200));
        Assert.Contains("FreezeWallet", done.Message, StringComparison.Ordinal);
        Assert.Contains(alice.ToString(), done.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("fraud-review", done.Message, StringComparison.Ordinal);
        var invalid = Assert.Single(Events(7201));
        Assert.Contains("PutPool", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("validation_failed", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("UnfreezeWallet", Assert.Single(Events(7202)).Message, StringComparison.Ordinal);
        Assert.Contains("fraud-review", Assert.Single(Events(4102)).Message, StringComparison.Ordinal); // the wallet grain's own
        Assert.DoesNotContain(_logs.GetSnapshot(), r => Text(r).Contains(OperatorKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_sign_in_is_logged_with_its_reason_and_address_and_never_the_signature()
    {
        var nonce = await Api.PostAsync("/api/auth/nonce", new { address = Api.Alice.Address.ToString() });
        var message = nonce.Body.GetProperty("message").GetString()!;
        var signature = PersonalSign.Sign(Api.Bob, message).ToString(); // not Alice's key

        var refused = await Api.PostAsync("/api/auth/verify", new { message, signature });

        Assert.Equal((HttpStatusCode.Unauthorized, "bad_signature"), (refused.Status, refused.Code));
        var logged = Assert.Single(Events(7301));
        Assert.Equal(LogLevel.Information, logged.Level);
        Assert.Contains("bad_signature", logged.Message, StringComparison.Ordinal);
        Assert.Contains(Api.Alice.Address.ToString(), logged.Message, StringComparison.Ordinal);
        var secret = signature[2..].ToUpperInvariant();
        Assert.DoesNotContain(_logs.GetSnapshot(), r => Text(r).ToUpperInvariant().Contains(secret[..40], StringComparison.Ordinal));
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(_logs));

    private List<FakeLogRecord> Events(int id) => [.. _logs.GetSnapshot().Where(r => r.Id.Id == id)];

    // Everything a log line could show: its message, its structured values and its exception.
    private static string Text(FakeLogRecord record) =>
        string.Join('\n', [record.Message, .. record.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [], record.Exception?.ToString() ?? ""]);
}
