using System.CommandLine;
using Actors.Grains.Interfaces.Nfts;

namespace Actors.Client.Cluster;

/// <summary>
/// <c>nft collection|collection-show|revenue|mint|transfer|approve|show</c>: NFT collections and tokens. Creating collections, revenue and minting are operator
/// routes over REST; transfers and approvals need the acting wallet's session there (<c>--token</c>, or <c>--key</c> to sign in).
/// Through the cluster client, a trusted internal path, the acting address is given with <c>--from</c> and is not
/// authenticated. See <see cref="TransportOptions"/> for the exit codes.
/// </summary>
internal static class NftCommands
{
    /// <summary>The longest collection name.</summary>
    public const int MaxNameLength = 100;

    public static Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var transport = new TransportOptions(services);
        var collectionId = CommandInput.Argument("collectionId", "The collection's id: 1 to 64 letters, digits, '.', '_' or '-'.");
        var tokenId = CommandInput.Argument("tokenId", "The token's id: a non-negative integer in decimal.");
        var from = new Option<string?>("--from")
        {
            Description = "Through the cluster client: the acting address (owner, approved or operator); trusted, not authenticated. Not used with --http, where the session names it.",
        };
        var operation = TransportOptions.Operation();

        var name = new Option<string?>("--name") { Description = $"The collection's display name, 1 to {MaxNameLength} characters." };
        var collection = transport.Command("collection", "Create a collection (operator). Again with the same name prints it; another name is refused.",
            Access.Operator, [collectionId, name, operation], input =>
            {
                var (id, title, op) = (input.Id(collectionId), input.Name(name, MaxNameLength), input.OperationId(operation));
                return new CallPlan<CollectionInfo>(
                    grains => grains.GetGrain<INftCollectionGrain>(id).Create(new CollectionTerms(title)),
                    (http, ct) => http.SendAsync(HttpMethod.Put, $"api/collections/{id}", Access.Operator, new { name = title }, op, ct));
            });

        var collectionShow = transport.Command("collection-show", "Print a collection: name, supply, dividend index and revenue deposited.",
            Access.Anyone, [collectionId], input =>
            {
                var id = input.Id(collectionId);
                return new CallPlan<CollectionInfo>(
                    async grains => await grains.GetGrain<INftCollectionGrain>(id).GetInfo() is { Exists: true } info
                        ? info
                        : throw new KeyNotFoundException($"Collection '{id}' does not exist."),
                    (http, ct) => http.SendAsync(HttpMethod.Get, $"api/collections/{id}", Access.Anyone, cancellationToken: ct));
            });

        var revenueAmount = new Option<string?>("--amount")
        {
            Description = "Base units of revenue, split over every token of the collection.",
        };
        var revenue = transport.Command("revenue", "Deposit revenue into a collection (operator), split over all its tokens, once per operation id.",
            Access.Operator, [collectionId, revenueAmount, operation], input =>
            {
                var (id, units, op) = (input.Id(collectionId), input.Amount(revenueAmount), input.OperationId(operation));
                return new CallPlan<CollectionInfo>(
                    grains => grains.GetGrain<INftCollectionGrain>(id).Deposit(op, units),
                    (http, ct) => http.SendAsync(
                        HttpMethod.Post, $"api/collections/{id}/revenue", Access.Operator, new { amount = units }, op, ct));
            });

        var owner = new Option<string?>("--owner") { Description = "The address the token is minted to." };
        var metadataHash = new Option<string?>("--metadata-hash") { Description = "The hash of the token's metadata: 0x and 64 hex digits." };
        var mint = transport.Command("mint", "Mint a token (operator). Again with the same owner and metadata prints it.",
            Access.Operator, [collectionId, tokenId, owner, metadataHash, operation], input =>
            {
                var (id, token, to, op) = (input.Id(collectionId), input.TokenId(tokenId), input.Address(owner), input.OperationId(operation));
                var hash = input.Hash(metadataHash, required: true);
                return new CallPlan<TokenView>(
                    grains => grains.GetGrain<INftTokenGrain>(NftKeys.Token(id, token)).Mint(op, to, hash!),
                    (http, ct) => http.SendAsync(HttpMethod.Post, $"api/collections/{id}/tokens", Access.Operator, new { tokenId = token, owner = to, metadataHash = hash }, op, ct));
            });

        var to = new Option<string?>("--to") { Description = "The new owner's address." };
        var transfer = transport.Command("transfer", "Transfer a token, once per operation id (by the owner, the approved address or an operator).",
            Access.Wallet, [collectionId, tokenId, to, from, operation], input =>
            {
                var (id, token, recipient, op) = (input.Id(collectionId), input.TokenId(tokenId), input.Address(to), input.OperationId(operation));
                var caller = input.OverHttp ? null : input.Address(from);
                return new CallPlan<TokenView>(
                    grains => grains.GetGrain<INftTokenGrain>(NftKeys.Token(id, token)).Transfer(op, caller!, recipient),
                    (http, ct) => http.SendAsync(HttpMethod.Post, $"api/collections/{id}/tokens/{token}/transfer", Access.Wallet, new { to = recipient }, op, ct));
            });

        var approved = new Option<string?>("--approved") { Description = "The address to approve for the token." };
        var clear = new Option<bool>("--clear") { Description = "Clear the token's approval instead." };
        var approve = transport.Command("approve", "Set or clear a token's single approved address, once per operation id (by the owner or an operator).",
            Access.Wallet, [collectionId, tokenId, approved, clear, from, operation], input =>
            {
                var (id, token, op, clearing) = (input.Id(collectionId), input.TokenId(tokenId), input.OperationId(operation), input.Flag(clear));
                if (clearing && input.Text(approved) is not null)
                {
                    input.Error(approved, "give --approved or --clear, not both");
                }

                var address = clearing ? null : input.Address(approved);
                var caller = input.OverHttp ? null : input.Address(from);
                return new CallPlan<TokenView>(
                    grains => grains.GetGrain<INftTokenGrain>(NftKeys.Token(id, token)).Approve(op, caller!, address),
                    (http, ct) => http.SendAsync(HttpMethod.Post, $"api/collections/{id}/tokens/{token}/approve", Access.Wallet, new { approved = address }, op, ct));
            });

        var show = transport.Command("show", "Print a token: owner, approved address, metadata hash, pending dividend and provenance.",
            Access.Anyone, [collectionId, tokenId], input =>
            {
                var (id, token) = (input.Id(collectionId), input.TokenId(tokenId));
                return new CallPlan<TokenView>(
                    async grains => await grains.GetGrain<INftTokenGrain>(NftKeys.Token(id, token)).Get() is { Exists: true } view
                        ? view
                        : throw new KeyNotFoundException($"Token '{token}' of collection '{id}' does not exist."),
                    (http, ct) => http.SendAsync(HttpMethod.Get, $"api/collections/{id}/tokens/{token}", Access.Anyone, cancellationToken: ct));
            });

        return new Command("nft", "NFT collections and tokens: create and show a collection, deposit revenue, mint, transfer, approve and show a token.")
        {
            collection, collectionShow, revenue, mint, transfer, approve, show,
        };
    }
}
