using System.Security.Cryptography;
using System.Text;
using Actors.Grains.Interfaces.Gateway;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Gateway;

/// <summary>
/// <c>Idempotency-Key</c> on state-changing requests (POST, PUT, PATCH, DELETE). The first request with a key claims it in an
/// <see cref="IIdempotencyGrain"/> and its successful (2xx) response is stored there; a repeat with the same key, route and body
/// gets that response again (header <c>Idempotent-Replayed: true</c>), a repeat with another body is 409
/// (<c>idempotency_key_reused</c>), and one that arrives while the first is still running on a live silo is 409
/// (<c>idempotency_in_progress</c>, <c>Retry-After</c>). Keys belong to the credential the request carries, so two callers
/// cannot collide. Only final outcomes are kept: a 4xx changed nothing and frees the key for the advised retry or a corrected
/// body; a 5xx lets the same request be retried with the same key, under the same operation id, which the grains deduplicate
/// on underneath. A retry whose first attempt died with its silo, or stopped renewing its claim, resumes the request
/// (<see cref="IdempotentRun"/>). Sign-in (<c>/api/auth/</c>) never goes through this cache: its answers carry tokens.
/// </summary>
public sealed class IdempotencyMiddleware(
    RequestDelegate next, IGrainFactory grains, ILocalSiloDetails silo, IOptions<GatewayOptions> options, TimeProvider time,
    ILogger<IdempotencyMiddleware> logger)
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
        return context.Items.TryGetValue(OperationIdItem, out var id) && id is string operationId
            ? operationId
            : $"http-{Guid.NewGuid():N}";
    }

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

        if (!ChangesState(request) || request.Path.StartsWithSegments(AuthEndpoints.Prefix, StringComparison.OrdinalIgnoreCase)
            || !request.Headers.TryGetValue(Header, out var values))
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

        var recordKey = RecordKey(request.Headers[OperatorKey.Header], request.Headers.Authorization, key);
        var record = grains.GetGrain<IIdempotencyGrain>(recordKey);
        var fingerprint = Fingerprint(request.Method, $"{request.Path}{request.QueryString}", body);
        IdempotencyClaim claim;
        try
        {
            claim = await record.Begin(fingerprint, silo.SiloAddress, options.Value.IdempotencyLease, options.Value.IdempotencyKeyLifetime);
        }
        catch (Exception error) when (GrainErrors.IsUnavailable(error))
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

        if (claim.TakenOverFrom is { } previous)
        {
            IdempotencyLog.Resumed(logger, previous, silo.SiloAddress);
        }

        // The operation id grains deduplicate on: this caller's key in this use of it, the same for every attempt.
        context.Items[OperationIdItem] = OperationIdOf(recordKey, claim.Epoch);
        var run = new IdempotentRun(record, fingerprint, silo.SiloAddress, options.Value.IdempotencyLease, time, logger);
        await run.ExecuteAsync(context, next);
    }

    /// <summary>Whether a request is state-changing: POST, PUT, PATCH or DELETE.</summary>
    public static bool ChangesState(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ChangesState(request.Method);
    }

    /// <summary>Whether a method is state-changing: POST, PUT, PATCH or DELETE.</summary>
    public static bool ChangesState(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>The idempotency record's grain key: a hash of the credential the request carries and its key.</summary>
    internal static string RecordKey(string? operatorKey, string? authorization, string key) =>
        Hash($"{operatorKey}\n{authorization}\n{key}");

    /// <summary>The operation id of a key's use: the same for every attempt within its lifetime, another after it.</summary>
    internal static string OperationIdOf(string recordKey, long epoch) => $"key-{recordKey[..32]}-{epoch}";

    /// <summary>What makes two requests the same request: method, path with query, and body.</summary>
    internal static string Fingerprint(string method, string pathAndQuery, byte[] body) =>
        Hash($"{method}\n{pathAndQuery}\n{Convert.ToBase64String(body)}");

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
}
