using System.CommandLine;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Nfts;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Client.Cluster;

/// <summary>What the wallet's own session sets and claims (guardians, NFT operators, dividends), and what it holds in a collection.</summary>
internal static partial class WalletCommands
{
    private static Option<string?> CollectionOption() => new("--collection") { Description = "The NFT collection's id." };

    private static Command Guardians(TransportOptions transport, Argument<string?> address, Option<string?> operation)
    {
        var guardian = new Option<string[]>("--guardian")
        {
            Description = $"A guardian's address; repeat for each, up to {WalletLimits.MaxGuardians} (none clears the guardians).",
            AllowMultipleArgumentsPerToken = false,
        };
        var threshold = new Option<string?>("--threshold")
        {
            Description = "Approvals a recovery needs (default: half the guardians, rounded up).",
        };
        return transport.Command("guardians", "Set the wallet's guardians and their threshold, once per operation id; prints the wallet.",
            Access.Wallet, [address, guardian, threshold, operation], input =>
            {
                var (wallet, op) = (input.Address(address), input.OperationId(operation));
                var guardians = input.Addresses(guardian);
                if (guardians.Count > WalletLimits.MaxGuardians)
                {
                    input.Error(guardian, $"at most {WalletLimits.MaxGuardians}");
                }

                var count = input.Integer(threshold, 0, WalletLimits.MaxGuardians) ?? 0;
                return new CallPlan<WalletView>(
                    grains => grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).SetGuardians(op, guardians, count),
                    (http, ct) => http.SendAsync(
                        HttpMethod.Put, Route(wallet, "guardians"), Access.Wallet, new { guardians, threshold = count }, op, ct));
            });
    }

    private static Command Operator(TransportOptions transport, Argument<string?> address, Option<string?> operation)
    {
        var collection = CollectionOption();
        var operatorAddress = new Option<string?>("--operator")
        {
            Description = "The address that may move all of the wallet's tokens of the collection.",
        };
        var revoke = new Option<bool>("--revoke") { Description = "Revoke the operator instead of approving it." };
        return transport.Command("operator", "Approve (or --revoke) an operator for the wallet's tokens of a collection; prints the wallet.",
            Access.Wallet, [address, collection, operatorAddress, revoke, operation], input =>
            {
                var (wallet, id, party, op) = (input.Address(address), input.Id(collection), input.Address(operatorAddress), input.OperationId(operation));
                var approved = !input.Flag(revoke);
                return new CallPlan<WalletView>(
                    grains => grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).SetOperator(op, id, party, approved),
                    (http, ct) => http.SendAsync(
                        HttpMethod.Put, Route(wallet, "operators"), Access.Wallet, new { collectionId = id, @operator = party, approved }, op, ct));
            });
    }

    private static Command Dividends(TransportOptions transport, Argument<string?> address, Option<string?> operation)
    {
        var collection = CollectionOption();
        return transport.Command("dividends", "Claim the NFT dividends a wallet settled and accrued in a collection, once per operation id; prints the amount.",
            Access.Wallet, [address, collection, operation], input =>
            {
                var (wallet, id, op) = (input.Address(address), input.Id(collection), input.OperationId(operation));
                return new CallPlan<DividendClaimView>(
                    grains => grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).ClaimDividends(op, id),
                    (http, ct) => http.SendAsync(HttpMethod.Post, Route(wallet, "dividends/claim"), Access.Wallet, new { collectionId = id }, op, ct));
            });
    }

    private static Command Holdings(TransportOptions transport, Argument<string?> address)
    {
        var collection = CollectionOption();
        return transport.Command("holdings", "Print the tokens a wallet holds in a collection and its dividends there.", Access.Anyone, [address, collection], input =>
        {
            var (wallet, id) = (input.Address(address), input.Id(collection, NftKeys.MaxCollectionIdLength));
            return new CallPlan<HoldingsView>(
                grains => grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).GetHoldings(id),
                (http, ct) => http.SendAsync(HttpMethod.Get, $"api/wallets/{WalletKeys.Of(wallet)}/collections/{id}", Access.Anyone, cancellationToken: ct));
        });
    }

    private static string Route(EthereumAddress wallet, string action) => $"api/wallets/{WalletKeys.Of(wallet)}/{action}";
}
