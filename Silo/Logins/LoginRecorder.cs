using System.Net;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Logins;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Logins;
using Actors.Silo.Gateway;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Logins;

/// <summary>
/// The gateway's side of the login records: it hashes what identifies the client (peppered, <see cref="PrivacyHashes"/>) and
/// has the wallet's login chain record each attempt, session end and step-up before the caller is answered. With
/// <c>Logins:Enabled</c> off, only the wallet's sign-in history (for recovery risk) is kept, as before records existed.
/// </summary>
public sealed class LoginRecorder(IGrainFactory grains, PrivacyHashes hashes, IOptions<LoginOptions> options)
{
    private bool Enabled => options.Value.Enabled;

    /// <summary>An attempt from this client, its outcome still to be set.</summary>
    public async Task<SignInAttempt> AttemptAsync(string? deviceFingerprint, IPAddress? client, string? country) => new(
        "", LoginOutcomes.Siwe, null, 0,
        deviceFingerprint is null ? null : await hashes.DeviceAsync(deviceFingerprint),
        client is null ? null : await hashes.ClientAddressAsync(client.ToString()),
        country);

    /// <summary>Records a refused attempt in the chain of the wallet its message named; nothing when it named none.</summary>
    public async Task RefusedAsync(EthereumAddress? wallet, SignInAttempt attempt, string code)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (wallet is not null && Enabled)
        {
            await Log(wallet).RecordSignIn(attempt with { Outcome = code });
        }
    }

    /// <summary>Records a sign-in that issued session <paramref name="sessionId"/>.</summary>
    public async Task<SignInRecorded?> SignedInAsync(EthereumAddress wallet, SignInAttempt attempt, string sessionId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (!Enabled)
        {
            await grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).RecordLogin(attempt.DeviceHash, attempt.ClientHash, attempt.Country);
            return null;
        }

        return await Log(wallet).RecordSignIn(attempt with
        {
            Outcome = LoginOutcomes.SignedIn, SessionId = sessionId, SessionExpiresAt = expiresAt.ToUnixTimeSeconds(),
        });
    }

    /// <summary>Records a session's end.</summary>
    public Task SessionEndedAsync(EthereumAddress wallet, string sessionId, string reason) =>
        Enabled ? Log(wallet).RecordSessionEnd(sessionId, reason) : Task.CompletedTask;

    /// <summary>Records a step-up by the session.</summary>
    public Task SteppedUpAsync(EthereumAddress wallet, string sessionId, SignInAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return Enabled ? Log(wallet).RecordStepUp(sessionId, attempt.DeviceHash, attempt.ClientHash, attempt.Country) : Task.CompletedTask;
    }

    private ILoginLogGrain Log(EthereumAddress wallet) => grains.GetGrain<ILoginLogGrain>(WalletKeys.Of(wallet));
}
