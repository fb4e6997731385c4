using System.CommandLine;
using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Client.Cluster;

/// <summary>
/// <c>wallet show|stake|unstake|claim|deposit|withdraw|withdrawals|freeze|unfreeze|guardians|operator|dividends|holdings</c>:
/// a wallet, its balances, its positions in reward pools, its guardians, and its NFT operators and dividends. Through the cluster client the calls
/// are trusted (the client is an internal path: no session is checked); over REST (<c>--http</c>) staking and claiming need
/// the wallet's session (<c>--token</c>, or <c>--key-file</c> to sign in), and deposits and freezes the operator key. See <see cref="TransportOptions"/> for the exit codes.
/// </summary>
internal static partial class WalletCommands
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

        return new Command("wallet", "Wallets: show, balances (deposit, withdraw, freeze), pools (stake, unstake, claim), guardians and NFT operators and dividends.")
        {
            show, stake, unstake, claim,
            Deposit(transport, address, amount), Withdraw(transport, address, amount, operation), Withdrawals(transport, address),
            Freeze(transport, address, "freeze", operation), Freeze(transport, address, "unfreeze", operation),
            Guardians(transport, address, operation), Operator(transport, address, operation), Dividends(transport, address, operation),
            Holdings(transport, address),
        };
    }
}
