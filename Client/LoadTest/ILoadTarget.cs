using Actors.Domain.Ethereum;

namespace Actors.Client.LoadTest;

/// <summary>
/// What a run drives, as the scenarios need it: over a silo's REST API (<see cref="RestTarget"/>) or through the cluster client
/// (<see cref="ClusterTarget"/>). Each request is recorded in the run's stats; <c>since</c> is a step's intended start for its
/// first request (0: now).
/// </summary>
internal interface ILoadTarget
{
    /// <summary>Creates and funds the run's pools and creates its collection; null when done, else why not.</summary>
    Task<string?> SetUpAsync(LoadTestSettings settings);

    /// <summary>Signs the wallet in: its session token and expiry, or null when refused (recorded).</summary>
    Task<(string Token, DateTimeOffset ExpiresAt)?> SignInAsync(PrivateKey key, long since);

    Task<Answer> DepositAsync(string address, string reference, long amount, long since);

    Task<Answer> StakeAsync(bool stake, string address, string token, string poolId, long amount, long since);

    Task<Answer> ClaimAsync(string address, string token, string poolId, long since);

    Task<Answer> MintAsync(string collectionId, string tokenId, string owner, string metadataHash, long since);

    Task<Answer> TransferAsync(string collectionId, string tokenId, string holder, string holderToken, string to, long since);

    Task<Answer> ReadWalletAsync(string address, long since);

    Task<Answer> ReadPoolAsync(string poolId, long since);

    /// <summary>The bare baseline: GET /healthz over REST, a read of one resident grain through the cluster client.</summary>
    Task<Answer> HealthAsync(long since);

    /// <summary>A pool's figures at the end of the run (not recorded in the stats).</summary>
    Task<PoolFigures> PoolFiguresAsync(string poolId);
}
