using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Nfts;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Interfaces;
using Actors.Grains.Persistence;

namespace Actors.Grains.Nfts;

/// <summary>
/// The token grain, authority on the token's ownership. A mint or a transfer is a small saga: the token stores its intent;
/// the collection registers a mint (or the previous owner's wallet releases the token, settling its dividend up to that
/// moment and returning the index it settled at); the token stores the new ownership with an arrival notice for the new
/// owner's wallet, and delivers it. Each step repeats safely, so a failure between them is finished by a retry, by the
/// token's next operation, or by its timer; the wallets and the collection never call tokens, so there is no cycle.
/// </summary>
[GrainType("nft-token")]
public sealed class NftTokenGrain([PersistentState("token")] IPersistentState<NftTokenState> state, TimeProvider time) : Grain, INftTokenGrain
{
    private string GrainKey => this.GetPrimaryKeyString();

    /// <summary>Operation ids whose results the token remembers, to answer repeats.</summary>
    public const int RememberedOperations = 64;

    /// <summary>How often an activation with unfinished work (an intent or an undelivered notice) tries to finish it.</summary>
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(10);

    private string _collectionId = "";
    private string _tokenId = "";
    private IDisposable? _retryTimer;
    private bool _resetting;

    private NftTokenState Token => state.State;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_collectionId, _tokenId) = NftKeys.ParseToken(GrainKey);
        EnsureRetryTimer();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _retryTimer?.Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<TokenView> Mint(string operationId, EthereumAddress owner, Hash32 metadataHash)
    {
        OperationIds.Validate(operationId);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(metadataHash);
        var request = $"{owner.ToLowerHex()}/{metadataHash}";
        if (OperationLog.Find<TokenView>(Token.Recent, operationId, "mint", "", request) is { } done)
        {
            return done;
        }

        if (Token.Exists)
        {
            return Token.Provenance[0].To == owner && Token.MetadataHash == metadataHash
                ? await ViewAsync()
                : throw new RequestRejectedException(NftErrors.TokenExists, $"Token {GrainKey} is already minted, with another owner or metadata.");
        }

        if (Token.Pending is { Kind: TokenIntentKind.Mint } minting)
        {
            if (minting.To != owner || minting.MetadataHash != metadataHash)
            {
                throw new RequestRejectedException(NftErrors.TokenExists, $"Token {GrainKey} is being minted with another owner or metadata.");
            }
        }
        else
        {
            Token.Pending = new TokenIntent(operationId, TokenIntentKind.Mint, owner, metadataHash, Sequence: 1, request);
            await WriteAsync();
        }

        return await CompleteAndRememberAsync(operationId, "mint", request);
    }

    /// <inheritdoc />
    public async Task<TokenView> Transfer(string operationId, EthereumAddress caller, EthereumAddress to)
    {
        OperationIds.Validate(operationId);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(to);
        var request = $"{caller.ToLowerHex()}/{to.ToLowerHex()}";
        if (OperationLog.Find<TokenView>(Token.Recent, operationId, "transfer", "", request) is { } done)
        {
            return done;
        }

        if (Token.Pending is { } pending && pending.OperationId == operationId)
        {
            if (pending.Kind != TokenIntentKind.Transfer || pending.Request != request)
            {
                throw new RequestRejectedException(RequestRejectedException.OperationReused, $"Operation id '{operationId}' is under way for another request.");
            }
        }
        else
        {
            var owner = await ExistingAfterPendingWorkAsync();
            if (to == owner)
            {
                throw RequestRejectedException.Invalid(nameof(to), $"Token {GrainKey} already belongs to {to.ToLowerHex()}.");
            }

            await AuthorizeAsync(owner, caller, approvedByToken: caller == Token.Approved, "transfer");
            Token.Pending = new TokenIntent(operationId, TokenIntentKind.Transfer, to, MetadataHash: null, Token.Sequence + 1, request);
            await WriteAsync();
        }

        return await CompleteAndRememberAsync(operationId, "transfer", request);
    }

    /// <inheritdoc />
    public async Task<TokenView> Approve(string operationId, EthereumAddress caller, EthereumAddress? approved)
    {
        OperationIds.Validate(operationId);
        ArgumentNullException.ThrowIfNull(caller);
        var request = $"{caller.ToLowerHex()}/{approved?.ToLowerHex()}";
        if (OperationLog.Find<TokenView>(Token.Recent, operationId, "approve", "", request) is { } done)
        {
            return done;
        }

        var owner = await ExistingAfterPendingWorkAsync();
        if (approved == owner)
        {
            throw RequestRejectedException.Invalid(nameof(approved), $"The owner of token {GrainKey} needs no approval.");
        }

        await AuthorizeAsync(owner, caller, approvedByToken: false, "approval");
        Token.Approved = approved;
        var view = await ViewAsync();
        OperationLog.Add(Token.Recent, RememberedOperations, operationId, "approve", "", request, view);
        await WriteAsync();
        return view;
    }

    /// <inheritdoc />
    public async Task<TokenView> RevokeApproval(string requestId)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        await ExistingAfterPendingWorkAsync();
        if (Token.Approved is not null)
        {
            Token.Approved = null;
            await WriteAsync();
        }

        return await ViewAsync();
    }

    /// <inheritdoc />
    public Task<TokenView> Get() => ViewAsync();

    private async Task<EthereumAddress> ExistingAfterPendingWorkAsync()
    {
        await FinishPendingWorkAsync();
        return Token.Exists && Token.Owner is { } owner ? owner : throw RequestRejectedException.Missing($"Token {GrainKey} does not exist.");
    }

    private async Task AuthorizeAsync(EthereumAddress owner, EthereumAddress caller, bool approvedByToken, string action)
    {
        var wallet = GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Of(owner));
        if (!await wallet.AuthorizeTokenAction(_collectionId, caller, approvedByToken))
        {
            throw new RequestRejectedException(WalletErrors.NotAuthorized,
                $"{caller.ToLowerHex()} is neither the owner of token {GrainKey}, nor approved for it, nor an operator of its owner; the {action} is refused.");
        }
    }

    private async Task<TokenView> CompleteAndRememberAsync(string operationId, string kind, string request)
    {
        try
        {
            await CompleteIntentAsync();
            var view = OperationLog.Find<TokenView>(Token.Recent, operationId, kind, "", request);
            if (view is null)
            {
                // A mint repeated under another operation id: the token is the one minted.
                view = await ViewAsync();
                OperationLog.Add(Token.Recent, RememberedOperations, operationId, kind, "", request, view);
            }

            await WriteAsync();
            await DeliverAsync();
            return view;
        }
        finally
        {
            EnsureRetryTimer();
        }
    }

    // Runs the stored intent's remaining steps (each repeats safely) and remembers the operation's result in the same state,
    // so that its caller's retry finds it even when another call or the timer finished the intent.
    private async Task CompleteIntentAsync()
    {
        if (Token.Pending is not { } intent)
        {
            return;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (intent.Kind == TokenIntentKind.Mint)
        {
            var index = await GrainFactory.GetGrain<INftCollectionGrain>(_collectionId).RegisterToken(_tokenId);
            Token.Exists = true;
            Token.MetadataHash = intent.MetadataHash;
            Token.MintUnconfirmed = true;
            Commit(intent, from: null, index, now);
        }
        else
        {
            var from = Token.Owner ?? throw new InvalidOperationException($"Token {GrainKey} has a transfer under way but no owner.");
            var index = await GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Of(from)).ReleaseToken(_collectionId, _tokenId, intent.Sequence);
            Token.Approved = null;
            Commit(intent, from, index, now);
        }

        var kind = intent.Kind == TokenIntentKind.Mint ? "mint" : "transfer";
        OperationLog.Add(Token.Recent, RememberedOperations, intent.OperationId, kind, "", intent.Request, await ViewAsync());
    }

    private void Commit(TokenIntent intent, EthereumAddress? from, UInt256 index, long now)
    {
        Token.Owner = intent.To;
        Token.IndexPaid = index;
        Token.Sequence = intent.Sequence;
        Token.Provenance.Add(new ProvenanceEntry(intent.Sequence, from, intent.To, now, index, intent.OperationId));
        Token.Outbox.Add(new TokenArrival(intent.To, intent.Sequence, index));
        Token.Pending = null;
    }

    // Tells the collection a mint is stored and the new owners' wallets that the token arrived. Delivered notices are
    // dropped in memory only: storing that is left to the next write, since a notice delivered twice changes nothing.
    private async Task DeliverAsync()
    {
        if (Token.MintUnconfirmed)
        {
            await GrainFactory.GetGrain<INftCollectionGrain>(_collectionId).ConfirmToken(_tokenId);
            Token.MintUnconfirmed = false;
        }

        while (Token.Outbox.Count > 0)
        {
            var arrival = Token.Outbox[0];
            await GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Of(arrival.Owner)).AcceptToken(_collectionId, _tokenId, arrival.Sequence, arrival.Index);
            Token.Outbox.RemoveAt(0);
        }
    }

    private async Task FinishPendingWorkAsync()
    {
        if (Token.Pending is not null)
        {
            await CompleteIntentAsync();
            await WriteAsync();
        }

        await DeliverAsync();
    }

    private bool HasPendingWork => Token.Pending is not null || Token.Outbox.Count > 0 || Token.MintUnconfirmed;

    private void EnsureRetryTimer()
    {
        if (_retryTimer is null && !_resetting && HasPendingWork)
        {
            _retryTimer = this.RegisterGrainTimer(RetryPendingWorkAsync, RetryPeriod, RetryPeriod);
        }
    }

    private async Task RetryPendingWorkAsync(CancellationToken cancellationToken)
    {
        if (HasPendingWork)
        {
            await FinishPendingWorkAsync();
        }

        if (!HasPendingWork)
        {
            _retryTimer?.Dispose();
            _retryTimer = null;
        }
    }

    private async Task<TokenView> ViewAsync()
    {
        if (!Token.Exists || Token.Owner is not { } owner)
        {
            return new TokenView(_collectionId, _tokenId, false, null, null, null, default, default, 0, []);
        }

        var collection = await GrainFactory.GetGrain<INftCollectionGrain>(_collectionId).GetInfo();
        var accruingFrom = await GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Of(owner)).HeldTokenIndex(_collectionId, _tokenId) ?? Token.IndexPaid;
        var pending = collection.Index >= accruingFrom ? (collection.Index - accruingFrom) / RewardMath.Scale : UInt256.Zero;
        return new TokenView(
            _collectionId, _tokenId, true, owner, Token.Approved, Token.MetadataHash, Token.IndexPaid, pending, Token.Sequence, [.. Token.Provenance]);
    }

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteOrResetAsync(this);
        }
        catch
        {
            _resetting = true; // the activation ends after this call; the next one reloads and finishes the work
            throw;
        }
    }
}

/// <summary>The token grain's stored state.</summary>
public sealed class NftTokenState
{
    /// <summary>Whether the token has been minted.</summary>
    public bool Exists { get; set; }

    /// <summary>The owning wallet.</summary>
    public EthereumAddress? Owner { get; set; }

    /// <summary>The single approved address.</summary>
    public EthereumAddress? Approved { get; set; }

    /// <summary>The hash of the token's metadata.</summary>
    public Hash32? MetadataHash { get; set; }

    /// <summary>The collection index at the last ownership change.</summary>
    public UInt256 IndexPaid { get; set; }

    /// <summary>Ownership changes so far.</summary>
    public long Sequence { get; set; }

    /// <summary>Every ownership change, oldest first.</summary>
    public List<ProvenanceEntry> Provenance { get; set; } = [];

    /// <summary>A mint or transfer stored before its steps ran, until it is committed.</summary>
    public TokenIntent? Pending { get; set; }

    /// <summary>Arrival notices not yet delivered to the new owners' wallets, oldest first.</summary>
    public List<TokenArrival> Outbox { get; set; } = [];

    /// <summary>Whether the collection may still hold the mint's registration.</summary>
    public bool MintUnconfirmed { get; set; }

    /// <summary>Recent operations with their results, oldest first.</summary>
    public List<CompletedOperation> Recent { get; set; } = [];
}

/// <summary>What a stored intent does.</summary>
public enum TokenIntentKind
{
    /// <summary>Mint the token.</summary>
    Mint = 1,

    /// <summary>Transfer the token.</summary>
    Transfer = 2,
}

/// <summary>A mint or transfer under way: the new owner, the ownership change's number, and the request as the operation log records it.</summary>
public sealed record TokenIntent(string OperationId, TokenIntentKind Kind, EthereumAddress To, Hash32? MetadataHash, long Sequence, string Request);

/// <summary>A notice to the new owner's wallet that the token arrived at ownership change <paramref name="Sequence"/>, accruing from <paramref name="Index"/>.</summary>
public sealed record TokenArrival(EthereumAddress Owner, long Sequence, UInt256 Index);
