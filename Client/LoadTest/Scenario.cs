namespace Actors.Client.LoadTest;

/// <summary>What one simulated wallet does in one step of a run.</summary>
internal enum Scenario
{
    /// <summary>The operator credits the wallet's stake asset (needs the operator key).</summary>
    Deposit,

    /// <summary>The wallet stakes part of its balance into its pool.</summary>
    Stake,

    /// <summary>The wallet claims its rewards from its pool.</summary>
    Claim,

    /// <summary>The wallet unstakes part of its position.</summary>
    Unstake,

    /// <summary>The wallet's NFT moves between it and its partner wallet (minted by the operator on first use).</summary>
    Nft,

    /// <summary>Anyone reads the wallet (or its pool, before the wallet exists).</summary>
    Read,

    /// <summary>GET /healthz alone: the bare baseline of the HTTP path.</summary>
    Health,
}
