using Actors.Domain.Money;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Wallets;

/// <summary>The wallet grains' log messages (event ids 4100 to 4199). Addresses and amounts only; never a key or signature.</summary>
internal static partial class WalletLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Wallet {Wallet} credited {Amount} {Asset} by deposit {Reference}")]
    public static partial void Deposited(ILogger logger, string wallet, UInt256 amount, string asset, string reference);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Wallet {Wallet} requested withdrawal {WithdrawalId} of {Amount} {Asset} to {To}")]
    public static partial void WithdrawalRequested(ILogger logger, string wallet, string withdrawalId, UInt256 amount, string asset, string to);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Wallet {Wallet} frozen for {Reason}")]
    public static partial void Frozen(ILogger logger, string wallet, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Wallet {Wallet} no longer frozen for {Reason}; frozen still: {Frozen}")]
    public static partial void Unfrozen(ILogger logger, string wallet, string reason, bool frozen);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning,
        Message = "Wallet {Wallet} recovered by request {RequestId}: owner key rotated to {NewOwner}, sessions and grants ended")]
    public static partial void Recovered(ILogger logger, string wallet, string requestId, string newOwner);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Wallet {Wallet} asks for a step-up: {Rule}")]
    public static partial void StepUpAsked(ILogger logger, string wallet, string rule);
}
