using System.Security.Cryptography;
using System.Text;
using Actors.Grains.Interfaces.Gateway;
using Actors.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Gateway;

/// <summary>
/// <c>Idempotency-Key</c> on state-changing requests (POST, PUT, PATCH, DELETE). The first request with a key claims it in an
/// <see cref="IIdempotencyGrain"/> and its response (any status below 500) is stored there; a repeat with the same key, route
/// and body gets that response again (header <c>Idempotent-Replayed: true</c>), a repeat with another body is 409
/// (<c>idempotency_key_reused</c>), and one that arrives while the first is still running is 409 (<c>idempotency_in_progress</c>,
/// <c>Retry-After</c>). Keys belong to the credential the request carries, so two callers cannot collide. A 5xx is not kept:
/// the request may be retried with the same key, and the grains deduplicate by the same key underneath.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IGrainFactory grains, IOptions<GatewayOptions> options)
{
    /// <summary>The request header.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The response header marking a replayed response.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The <see cref="HttpContext.Items"/> entry holding the operation id for grains.</summary>
    public const string OperationIdItem = "actors.operation-id";

    /// <summary>The operation id grains deduplicate a request on: its key's (per caller and use), or a fresh one without a key.</summary>
    public static string OperationId(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(OperationIdItem, out var id) && id is string operationId ? operationId : $"http-{Guid.NewGuid():N}";
    }

    /// <summary>How long a claim without a response blocks a repeat before the repeat may run again.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    /// <summary>Runs the request under its key.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentLength > options.Value.MaxBodyBytes)
        {
            // Kestrel refuses such a body too, but only once it is read; this refuses it before anything runs, on any server.
            await WriteAsync(context, ApiProblems.BodyTooLarge(options.Value.MaxBodyBytes));
            return;
        }

        if (!ChangesState(request) || !request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (!Fields.IsId(key, 100))
        {
            await WriteAsync(context, ApiProblems.Validation(
                new Dictionary<string, string[]> { [Header] = ["must be 1 to 100 letters, digits, '.', '_' or '-'"] }));
            return;
        }

        var body = await ReadBodyAsync(context, options.Value.MaxBodyBytes);
        if (body is null)
        {
            await WriteAsync(context, ApiProblems.BodyTooLarge(options.Value.MaxBodyBytes));
            return;
        }

        var recordKey = Hash($"{request.Headers[OperatorKey.Header]}\n{request.Headers.Authorization}\n{key}");
        var record = grains.GetGrain<IIdempotencyGrain>(recordKey);
        var fingerprint = Hash($"{request.Method}\n{request.Path}{request.QueryString}\n{Convert.ToBase64String(body)}");
        IdempotencyClaim claim;
        try
        {
            claim = await record.Begin(fingerprint, Lease, options.Value.IdempotencyKeyLifetime);
        }
        catch (Exception error) when (error is SiloUnavailableException or GrainCallTimeoutException or StorageException)
        {
            context.Response.Headers.RetryAfter = "1";
            await WriteAsync(context, ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, ApiProblems.Unavailable,
                "The cluster could not check the Idempotency-Key; retry with the same key."));
            return;
        }

        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                var stored = claim.Response!;
                context.Response.StatusCode = stored.Status;
                context.Response.ContentType = stored.ContentType;
                context.Response.Headers[ReplayedHeader] = "true";
                await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
                return;
            case IdempotencyOutcome.Conflict:
                await WriteAsync(context, ApiProblems.Problem(StatusCodes.Status409Conflict, ApiProblems.IdempotencyKeyReused,
                    "The Idempotency-Key was used for another request.", "Use a new key for a new request."));
                return;
            case IdempotencyOutcome.InProgress:
                context.Response.Headers.RetryAfter = "1";
                await WriteAsync(context, ApiProblems.Problem(StatusCodes.Status409Conflict, ApiProblems.IdempotencyInProgress,
                    "A request with this Idempotency-Key is still under way."));
                return;
        }

        // The operation id grains deduplicate on: this caller's key in this use of it.
        context.Items[OperationIdItem] = $"key-{recordKey[..32]}-{claim.Epoch}";
        await RunAndStoreAsync(context, record, fingerprint);
    }

    private async Task RunAndStoreAsync(HttpContext context, IIdempotencyGrain record, string fingerprint)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var kept = false;
        try
        {
            await next(context);
            var status = context.Response.StatusCode;
            if (status < 500)
            {
                await record.Complete(fingerprint, new StoredResponse(status, context.Response.ContentType, captured.ToArray()));
                kept = true;
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!kept)
            {
                await ReleaseQuietlyAsync(record, fingerprint);
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task ReleaseQuietlyAsync(IIdempotencyGrain record, string fingerprint)
    {
        try
        {
            await record.Release(fingerprint);
        }
        catch (Exception error) when (error is SiloUnavailableException or GrainCallTimeoutException or StorageException)
        {
            // The claim's lease ends by itself.
        }
    }

    // The body, buffered so the endpoint reads it again; null when it is larger than the limit.
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int limit)
    {
        context.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        context.Request.Body.Position = 0;
        return buffer.ToArray();
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static Task WriteAsync(HttpContext context, IResult result) => result.ExecuteAsync(context);

    /// <summary>Whether a request is state-changing: POST, PUT, PATCH or DELETE.</summary>
    public static bool ChangesState(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method);
    }
}
