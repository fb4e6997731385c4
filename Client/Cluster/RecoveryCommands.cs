using System.CommandLine;
using Actors.Client.Keys;
using Actors.Grains.Interfaces.Recovery;

namespace Actors.Client.Cluster;

/// <summary>
/// <c>recovery submit|approve|cancel|review|show</c>: self-service recovery of a wallet by its guardians. A guardian approves
/// (and the owner or a guardian cancels) with an EIP-191 signature of the request's message: given with <c>--signature</c>, or
/// made here with <c>--key-file</c> (or <c>--key</c>): the request is fetched first, and only its own approval or cancellation
/// message is signed. See <see cref="TransportOptions"/> for the exit codes.
/// </summary>
internal static partial class RecoveryCommands
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

        var guardian = new Option<string?>("--guardian") { Description = "The approving guardian's address (default: the key's)." };
        var signature = new Option<string?>("--signature")
        {
            Description = "The guardian's EIP-191 signature of the request's signing message: 0x and 130 hex digits.",
        };
        var key = KeyFiles.KeyOption(
            "Instead of --signature: the guardian's private key, to sign the request's signing message here. Never sent.");
        var keyFile = KeyFiles.FileOption("Instead of --signature: a file holding the guardian's private key. Never sent.");
        var approve = transport.Command("approve", "Count a guardian's approval of a recovery request.",
            Access.Anyone, [requestId, guardian, signature, key, keyFile, operation], input =>
            {
                var (id, given, op) = (input.Id(requestId, MaxRequestIdLength), input.Signature(signature), input.OperationId(operation));
                var signer = SignerOf(input, signature, key, keyFile);
                var approver = signer is not null ? input.OptionalAddress(guardian) ?? signer.Address : input.Address(guardian);
                if (signer is not null && approver != signer.Address)
                {
                    input.Error(guardian, "is not the address of the key");
                }

                var attempts = 0;
                return new CallPlan<RecoveryView>(
                    grains => ApproveAsync(grains.GetGrain<IRecoveryRequestGrain>(id), id, approver, given, signer, repeat: attempts++ > 0),
                    (http, ct) => ApproveAsync(http, id, approver, given, signer, op, ct));
            });

        var cancelSignature = new Option<string?>("--signature")
        {
            Description = "The owner's or a guardian's EIP-191 signature of the request's cancel message.",
        };
        var cancelKey = KeyFiles.KeyOption(
            "Instead of --signature: the owner's or a guardian's private key, to sign the cancel message here. Never sent.");
        var cancelKeyFile = KeyFiles.FileOption(
            "Instead of --signature: a file holding the owner's or a guardian's private key. Never sent.");
        var cancel = transport.Command("cancel", "Cancel a recovery request: the owner's signature at once, guardians' at their threshold.",
            Access.Anyone, [requestId, cancelSignature, cancelKey, cancelKeyFile, operation], input =>
            {
                var (id, given, signer, op) = (input.Id(requestId, MaxRequestIdLength), input.Signature(cancelSignature),
                    SignerOf(input, cancelSignature, cancelKey, cancelKeyFile), input.OperationId(operation));
                var attempts = 0;
                return new CallPlan<RecoveryView>(
                    grains => CancelAsync(grains.GetGrain<IRecoveryRequestGrain>(id), id, given, signer, repeat: attempts++ > 0),
                    (http, ct) => CancelAsync(http, id, given, signer, op, ct));
            });

        var accept = new Option<bool>("--approve") { Description = "Approve the request: its timelock starts." };
        var reject = new Option<bool>("--reject") { Description = "Reject the request: it ends and the wallet is unlocked." };
        var review = transport.Command("review", "Review a high-risk recovery request (operator): --approve or --reject.",
            Access.Operator, [requestId, accept, reject, operation], input =>
            {
                var (id, approving, op) = (input.Id(requestId, MaxRequestIdLength), input.Flag(accept), input.OperationId(operation));
                if (approving == input.Flag(reject))
                {
                    input.Error(accept, "give --approve or --reject (one of them)");
                }

                return new CallPlan<RecoveryView>(
                    grains => grains.GetGrain<IRecoveryRequestGrain>(id).Review(approving),
                    (http, ct) => http.SendAsync(
                        HttpMethod.Post, $"api/recoveries/{id}/review", Access.Operator, new { approve = approving }, op, ct));
            });

        var show = transport.Command("show", "Print a recovery request: status, risk, approvals, timelock and steps.", Access.Anyone, [requestId], input =>
        {
            var id = input.Id(requestId, MaxRequestIdLength);
            return new CallPlan<RecoveryView>(
                grains => ExistingAsync(grains.GetGrain<IRecoveryRequestGrain>(id), id),
                (http, ct) => http.SendAsync(HttpMethod.Get, $"api/recoveries/{id}", Access.Anyone, cancellationToken: ct));
        });

        return new Command("recovery", "Wallet recovery by guardians: submit a request, approve, cancel, review (operator) and show it.")
        {
            submit, approve, cancel, review, show,
        };
    }
}
