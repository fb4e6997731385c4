using System.CommandLine;
using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Client.Cluster;

/// <summary>
/// <c>wallet show|deposit|stake|unstake|claim</c>: a wallet, its balances and its positions in reward pools. Through the cluster client the calls
/// are trusted (the client is an internal path: no session is checked); over REST (<c>--http</c>) staking and claiming need
/// the wallet's session (<c>--token</c>, or <c>--key</c> to sign in). See <see cref="TransportOptions"/> for the exit codes.
/// </summary>
internal static class WalletCommands
{
    public static Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var transport = new TransportOptions(services);
        var address = CommandInput.Argument("address", "The wallet's address: 0x and 40 hex digits (EIP-55 checked when in mixed case).");
        var pool = new Option<string?>("--pool") { Description = "The pool's id." };
        var amount = new Option<string?>("--amount") { Description = "Base units." };
        var operation = TransportOptions.Operation();

        var show = transport.Command("show", "Print a wallet: owner, guardians, freeze, positions and holdings.", Access.WalletIfGiven, [address], input =>
        {
            var wallet = input.Address(address);
            return new CallPlan<WalletView>(
                grains => grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).Get(),
                (http, ct) => http.SendAsync(HttpMethod.Get, $"api/wallets/{WalletKeys.Of(wallet)}", Access.WalletIfGiven, cancellationToken: ct));
        });

        Command Stake(string name, string description, Func<IWalletGrain, string, string, UInt256, Task<PositionView>> call) =>
            transport.Command(name, description, Access.Wallet, [address, pool, amount, operation], input =>
            {
                var (wallet, poolId, units, op) = (input.Address(address), input.Id(pool), input.Amount(amount), input.OperationId(operation));
                return new CallPlan<PositionView>(
                    grains => call(grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)), op, poolId, units),
                    (http, ct) => http.SendAsync(HttpMethod.Post, Route(wallet, name), Access.Wallet, new { poolId, amount = units }, op, ct));
            });

        var stake = Stake("stake", "Stake more in a pool, once per operation id; prints the position.", (w, op, p, a) => w.Stake(op, p, a));
        var unstake = Stake("unstake", "Unstake from a pool (rewards accrued so far stay claimable), once per operation id.", (w, op, p, a) => w.Unstake(op, p, a));

        var claim = transport.Command("claim", "Claim what a position has accrued, once per operation id; prints the amount paid.",
            Access.Wallet, [address, pool, operation], input =>
            {
                var (wallet, poolId, op) = (input.Address(address), input.Id(pool), input.OperationId(operation));
                return new CallPlan<ClaimView>(
                    grains => grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).Claim(op, poolId),
                    (http, ct) => http.SendAsync(HttpMethod.Post, Route(wallet, "claim"), Access.Wallet, new { poolId }, op, ct));
            });

        var asset = new Option<string?>("--asset") { Description = "The asset code (default STAKE)." };
        var reference = new Option<string?>("--reference") { Description = "The deposit's unique external reference, such as 0x<txhash>:<logIndex>." };
        var deposit = transport.Command("deposit", "Credit a deposit to a wallet's balance (operator), once per reference; prints the wallet.",
            Access.Operator, [address, asset, amount, reference], input =>
            {
                var (wallet, units) = (input.Address(address), input.Amount(amount));
                var code = input.Text(asset) ?? "STAKE";
                if (!Grains.Interfaces.Ids.IsAsset(code))
                {
                    input.Error(asset, "an uppercase letter and up to 15 uppercase letters or digits, such as STAKE");
                }

                var referenceText = input.Text(reference);
                if (!DepositReferences.IsValid(referenceText))
                {
                    input.Error(reference, $"1 to {DepositReferences.MaxLength} printable ASCII characters without spaces");
                }

                return new CallPlan<WalletView>(
                    grains => grains.GetGrain<IDepositGrain>(referenceText!).Credit(WalletKeys.Of(wallet), code, units),
                    (http, ct) => http.SendAsync(
                        HttpMethod.Post, Route(wallet, "deposits"), Access.Operator, new { asset = code, amount = units, reference = referenceText }, cancellationToken: ct));
            });

        return new Command("wallet", "Wallets: show, deposit (operator), stake, unstake and claim pool rewards.") { show, deposit, stake, unstake, claim };
    }

    private static string Route(EthereumAddress wallet, string action) => $"api/wallets/{WalletKeys.Of(wallet)}/{action}";
}
