using System.CommandLine;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Recovery;

namespace Actors.Client.Cluster;

/// <summary>
/// <c>recovery submit|approve|show</c>: self-service recovery of a wallet by its guardians. A guardian approves with an EIP-191
/// signature of the request's signing message: given with <c>--signature</c>, or made here with <c>--key</c> (the request is
/// fetched first, and only its approval message is signed). See <see cref="TransportOptions"/> for the exit codes.
/// </summary>
internal static class RecoveryCommands
{
    /// <summary>The longest request id.</summary>
    public const int MaxRequestIdLength = 64;

    public static Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var transport = new TransportOptions(services);
        var requestId = CommandInput.Argument("requestId", "The request's id: 1 to 64 letters, digits, '.', '_' or '-'.");
        var operation = TransportOptions.Operation();

        var wallet = new Option<string?>("--wallet") { Description = "The wallet to recover." };
        var newOwner = new Option<string?>("--new-owner") { Description = "The address that is to control the wallet." };
        var device = new Option<string?>("--device-fingerprint")
        {
            Description = "The requesting device's fingerprint, if known (with --http only: the gateway hashes it with the cluster's pepper, so it matches the wallet's sign-ins).",
        };
        var geo = new Option<string?>("--geo") { Description = "The requesting country, ISO 3166-1 alpha-2 (e.g. DE), if known." };
        var submit = transport.Command("submit", "Submit a recovery request; prints it with its risk and the message guardians sign.",
            Access.Anyone, [requestId, wallet, newOwner, device, geo, operation], input =>
            {
                var (id, target, owner) = (input.Id(requestId, MaxRequestIdLength), input.Address(wallet), input.Address(newOwner));
                var (fingerprint, country, op) = (input.Fingerprint(device), input.CountryCode(geo), input.OperationId(operation));
                if (fingerprint is not null && !input.OverHttp)
                {
                    input.Error(device, "needs --http: only the gateway holds the pepper the fingerprint is hashed with");
                }

                return new CallPlan<RecoveryView>(
                    grains => grains.GetGrain<IRecoveryRequestGrain>(id).Submit(new RecoverySubmission(target, owner, [], null, country)),
                    (http, ct) => http.SendAsync(HttpMethod.Post, "api/recoveries", Access.Anyone,
                        new { requestId = id, wallet = target, newOwner = owner, deviceFingerprint = fingerprint, geo = country }, op, ct));
            });

        var guardian = new Option<string?>("--guardian") { Description = "The approving guardian's address (default: the address of --key)." };
        var signature = new Option<string?>("--signature") { Description = "The guardian's EIP-191 signature of the request's signing message: 0x and 130 hex digits." };
        var key = new Option<string?>("--key") { Description = "Instead of --signature: the guardian's private key, to sign the request's signing message here. Never sent." };
        var approve = transport.Command("approve", "Count a guardian's approval of a recovery request.",
            Access.Anyone, [requestId, guardian, signature, key, operation], input =>
            {
                var signsHere = input.Text(key) is not null;
                if ((input.Text(signature) is null) != signsHere)
                {
                    input.Error(signature, "give --signature or --key (one of them)");
                }

                var (id, given, signer, op) = (input.Id(requestId, MaxRequestIdLength), input.Signature(signature), input.Key(key), input.OperationId(operation));
                var approver = signsHere ? input.OptionalAddress(guardian) ?? signer?.Address : input.Address(guardian);
                if (signer is not null && approver is not null && approver != signer.Address)
                {
                    input.Error(guardian, "is not the address of --key");
                }

                var attempts = 0;
                return new CallPlan<RecoveryView>(
                    grains => ApproveAsync(
                        grains.GetGrain<IRecoveryRequestGrain>(id), id, approver!, given, signer, repeat: attempts++ > 0),
                    (http, ct) => ApproveAsync(http, id, approver!, given, signer, op, ct));
            });

        var show = transport.Command("show", "Print a recovery request: status, risk, approvals, timelock and steps.", Access.Anyone, [requestId], input =>
        {
            var id = input.Id(requestId, MaxRequestIdLength);
            return new CallPlan<RecoveryView>(
                grains => ExistingAsync(grains.GetGrain<IRecoveryRequestGrain>(id), id),
                (http, ct) => http.SendAsync(HttpMethod.Get, $"api/recoveries/{id}", Access.Anyone, cancellationToken: ct));
        });

        return new Command("recovery", "Wallet recovery by guardians: submit a request, approve it, show it.") { submit, approve, show };
    }

    // Through the cluster client: with a key, the request's signing message is read and signed first. An approval counts once
    // per guardian, so a repeat after a cluster fault that finds it counted already finds the earlier attempt done.
    private static async Task<RecoveryView> ApproveAsync(
        IRecoveryRequestGrain request, string id, EthereumAddress guardian, EthereumSignature? given, PrivateKey? key, bool repeat)
    {
        var signature = given ?? TrySign(key!, id, (await ExistingAsync(request, id)).SigningMessage)
            ?? throw new InvalidOperationException(NotAnApproval(id));
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
        var signature = given;
        if (signature is null)
        {
            if (await http.FetchStringAsync(HttpMethod.Get, $"api/recoveries/{id}", Access.Anyone, null, "signingMessage", cancellationToken) is not { } message)
            {
                return 1;
            }

            if ((signature = TrySign(key!, id, message)) is null)
            {
                return await http.FailAsync(NotAnApproval(id));
            }
        }

        return await http.SendAsync(
            HttpMethod.Post, $"api/recoveries/{id}/approvals", Access.Anyone, new { guardian, signature = signature.ToString() }, operationId, cancellationToken);
    }

    private static async Task<RecoveryView> ExistingAsync(IRecoveryRequestGrain request, string id) =>
        await request.Get() is { Exists: true } view ? view : throw new KeyNotFoundException($"Recovery request '{id}' does not exist.");

    // Signs only the approval message of this request, whatever else a silo might send.
    private static EthereumSignature? TrySign(PrivateKey key, string requestId, string message) =>
        message.StartsWith($"Approve the recovery of a wallet\nRequest: {requestId}\n", StringComparison.Ordinal) ? PersonalSign.Sign(key, message) : null;

    private static string NotAnApproval(string requestId) => $"the signing message of request '{requestId}' is not an approval of it; nothing was signed";
}
