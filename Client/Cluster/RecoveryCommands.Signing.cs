using System.CommandLine;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Recovery;

namespace Actors.Client.Cluster;

/// <summary>Approving and cancelling: the signature given, or one made here over the request's own message.</summary>
internal static partial class RecoveryCommands
{
    private const string ApprovalTitle = "Approve the recovery of a wallet";
    private const string CancelTitle = "Cancel the recovery of a wallet";

    // The key to sign with, when the command signs here; exactly one of the signature and a key must be given.
    private static PrivateKey? SignerOf(CommandInput input, Option<string?> signature, Option<string?> key, Option<string?> keyFile)
    {
        var signsHere = input.Text(key) is not null || input.Text(keyFile) is not null;
        if ((input.Text(signature) is null) != signsHere)
        {
            input.Error(signature, $"give {signature.Name} or {keyFile.Name} (one of them)");
        }

        return signsHere ? input.KeyOrFile(key, keyFile) : null;
    }

    // Through the cluster client: with a key, the request's signing message is read and signed first. An approval counts once
    // per guardian, so a repeat after a cluster fault that finds it counted already finds the earlier attempt done.
    private static async Task<RecoveryView> ApproveAsync(
        IRecoveryRequestGrain request, string id, EthereumAddress guardian, EthereumSignature? given, PrivateKey? key, bool repeat)
    {
        var signature = given ?? TrySign(key!, ApprovalTitle, id, (await ExistingAsync(request, id)).SigningMessage)
            ?? throw new InvalidOperationException(NotTheMessage(ApprovalTitle, id));
        try
        {
            return await request.Approve(guardian, signature.ToString());
        }
        catch (RequestRejectedException error) when (repeat && error.Code == RecoveryErrors.DuplicateApproval)
        {
            return await ExistingAsync(request, id);
        }
    }

    // Over REST: with a key, GET the request for its signing message and sign it first.
    private static async Task<int> ApproveAsync(
        HttpCall http, string id, EthereumAddress guardian, EthereumSignature? given, PrivateKey? key, string operationId, CancellationToken cancellationToken)
    {
        var signature = given ?? await SignFetchedAsync(http, key!, ApprovalTitle, id, "signingMessage", cancellationToken);
        return signature is null
            ? 1
            : await http.SendAsync(
                HttpMethod.Post, $"api/recoveries/{id}/approvals", Access.Anyone, new { guardian, signature = signature.ToString() }, operationId, cancellationToken);
    }

    // Through the cluster client; a repeat after a cluster fault that finds the request cancelled finds the earlier attempt done.
    private static async Task<RecoveryView> CancelAsync(
        IRecoveryRequestGrain request, string id, EthereumSignature? given, PrivateKey? key, bool repeat)
    {
        var signature = given ?? TrySign(key!, CancelTitle, id, (await ExistingAsync(request, id)).CancelMessage)
            ?? throw new InvalidOperationException(NotTheMessage(CancelTitle, id));
        try
        {
            return await request.Cancel(signature.ToString());
        }
        catch (RequestRejectedException) when (repeat)
        {
            if (await request.Get() is { Status: RecoveryStatus.Cancelled } view)
            {
                return view;
            }

            throw;
        }
    }

    private static async Task<int> CancelAsync(
        HttpCall http, string id, EthereumSignature? given, PrivateKey? key, string operationId, CancellationToken cancellationToken)
    {
        var signature = given ?? await SignFetchedAsync(http, key!, CancelTitle, id, "cancelMessage", cancellationToken);
        return signature is null
            ? 1
            : await http.SendAsync(
                HttpMethod.Post, $"api/recoveries/{id}/cancel", Access.Anyone, new { signature = signature.ToString() }, operationId, cancellationToken);
    }

    // GETs the request and signs its message of the given kind; null after printing why not.
    private static async Task<EthereumSignature?> SignFetchedAsync(
        HttpCall http, PrivateKey key, string title, string id, string property, CancellationToken cancellationToken)
    {
        var message = await http.FetchStringAsync(HttpMethod.Get, $"api/recoveries/{id}", Access.Anyone, null, property, cancellationToken);
        if (message is null)
        {
            return null;
        }

        var signature = TrySign(key, title, id, message);
        if (signature is null)
        {
            await http.FailAsync(NotTheMessage(title, id));
        }

        return signature;
    }

    private static async Task<RecoveryView> ExistingAsync(IRecoveryRequestGrain request, string id) =>
        await request.Get() is { Exists: true } view ? view : throw new KeyNotFoundException($"Recovery request '{id}' does not exist.");

    // Signs only this request's message of the expected kind, whatever else a silo might send.
    private static EthereumSignature? TrySign(PrivateKey key, string title, string requestId, string message) =>
        message.StartsWith($"{title}\nRequest: {requestId}\n", StringComparison.Ordinal) ? PersonalSign.Sign(key, message) : null;

    private static string NotTheMessage(string title, string requestId) =>
        $"the message of request '{requestId}' is not '{title}' of it; nothing was signed";
}
