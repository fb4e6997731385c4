using System.CommandLine;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Client.Cluster;

/// <summary>Balances: deposits (operator), withdrawals (the wallet's session), freezes (operator).</summary>
internal static partial class WalletCommands
{
    /// <summary>The freeze reason of an operator's freeze when none is given, as the REST gateway has it.</summary>
    public const string OperatorReason = "operator";

    private static Option<string?> AssetOption() => new("--asset") { Description = "The asset code (default STAKE)." };

    // The asset code given, or STAKE.
    private static string Asset(CommandInput input, Option<string?> asset)
    {
        var code = input.Text(asset) ?? "STAKE";
        if (!Ids.IsAsset(code))
        {
            input.Error(asset, "an uppercase letter and up to 15 uppercase letters or digits, such as STAKE");
        }

        return code;
    }

    private static Command Deposit(TransportOptions transport, Argument<string?> address, Option<string?> amount)
    {
        var asset = AssetOption();
        var reference = new Option<string?>("--reference")
        {
            Description = "The deposit's unique external reference, such as 0x<txhash>:<logIndex>.",
        };
        return transport.Command("deposit", "Credit a deposit to a wallet's balance (operator), once per reference; prints the wallet.",
            Access.Operator, [address, asset, amount, reference], input =>
            {
                var (wallet, units, code) = (input.Address(address), input.Amount(amount), Asset(input, asset));
                var referenceText = input.Text(reference);
                if (!DepositReferences.IsValid(referenceText))
                {
                    input.Error(reference, $"1 to {DepositReferences.MaxLength} printable ASCII characters without spaces");
                }

                return new CallPlan<WalletView>(
                    grains => grains.GetGrain<IDepositGrain>(referenceText!).Credit(WalletKeys.Of(wallet), code, units),
                    (http, ct) => http.SendAsync(
                        HttpMethod.Post, Route(wallet, "deposits"), Access.Operator,
                        new { asset = code, amount = units, reference = referenceText }, cancellationToken: ct));
            });
    }

    private static Command Withdraw(
        TransportOptions transport, Argument<string?> address, Option<string?> amount, Option<string?> operation)
    {
        var asset = AssetOption();
        var to = new Option<string?>("--to") { Description = "The address the withdrawal pays out to." };
        return transport.Command("withdraw", "Request a withdrawal from the wallet's balance, once per operation id; prints the request.",
            Access.Wallet, [address, asset, amount, to, operation], input =>
            {
                var (wallet, code, units) = (input.Address(address), Asset(input, asset), input.Amount(amount));
                var (recipient, op) = (input.Address(to), input.OperationId(operation));
                return new CallPlan<WithdrawalView>(
                    grains => grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).Withdraw(op, code, units, recipient),
                    (http, ct) => http.SendAsync(
                        HttpMethod.Post, Route(wallet, "withdrawals"), Access.Wallet, new { asset = code, amount = units, to = recipient }, op, ct));
            });
    }

    private static Command Withdrawals(TransportOptions transport, Argument<string?> address) =>
        transport.Command("withdrawals", "List the wallet's withdrawal requests (the last 256).", Access.Wallet, [address], input =>
        {
            var wallet = input.Address(address);
            return new CallPlan<IReadOnlyList<WithdrawalView>>(
                grains => grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).GetWithdrawals(),
                (http, ct) => http.SendAsync(HttpMethod.Get, Route(wallet, "withdrawals"), Access.Wallet, cancellationToken: ct));
        });

    // freeze and unfreeze: one freeze reason added or lifted; the wallet is frozen while it holds any.
    private static Command Freeze(TransportOptions transport, Argument<string?> address, string name, Option<string?> operation)
    {
        var reason = new Option<string?>("--reason")
        {
            Description = $"The freeze reason: 1 to {WalletLimits.MaxReasonLength} letters, digits, '.', '_' or '-' (default {OperatorReason}).",
        };
        var freezing = name == "freeze";
        var description = freezing
            ? "Freeze a wallet for a reason (operator): nothing moves out until every reason is lifted."
            : "Lift one freeze reason of a wallet (operator).";
        return transport.Command(name, description, Access.Operator, [address, reason, operation], input =>
        {
            var (wallet, op) = (input.Address(address), input.OperationId(operation));
            var why = input.Text(reason) is null ? OperatorReason : input.Id(reason, WalletLimits.MaxReasonLength);
            if (why == WalletErrors.RecoveryLock)
            {
                input.Error(reason, $"'{WalletErrors.RecoveryLock}' is held by recoveries only");
            }

            return new CallPlan<WalletView>(
                grains => freezing
                    ? grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).Freeze(op, why)
                    : grains.GetGrain<IWalletGrain>(WalletKeys.Of(wallet)).Unfreeze(op, why),
                (http, ct) => http.SendAsync(HttpMethod.Post, Route(wallet, name), Access.Operator, new { reason = why }, op, ct));
        });
    }
}
