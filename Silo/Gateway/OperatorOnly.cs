using Actors.Grains.Interfaces;

namespace Actors.Silo.Gateway;

/// <summary>
/// An endpoint filter that lets only calls carrying the operator key through, and writes every operator call to the audit log
/// (<see cref="OperatorLog"/>): done, refused (by validation or a grain), failed, or refused for want of the key.
/// </summary>
public sealed class OperatorOnly(OperatorKey key, ILogger<OperatorOnly> logger) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!key.Matches(http.Request.Headers[OperatorKey.Header]))
        {
            OperatorLog.KeyRefused(logger, OperatorAudit.Action(http), OperatorAudit.Target(http));
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, ApiProblems.OperatorKeyRequired,
                "Operator key required.", $"This route is for operators: send the operator key in {OperatorKey.Header}.");
        }

        try
        {
            var result = await next(context);
            var (status, code) = OperatorAudit.Outcome(result);
            if (status < StatusCodes.Status400BadRequest)
            {
                OperatorLog.Done(logger, OperatorAudit.Action(http), OperatorAudit.Target(http), status, OperatorAudit.Request(context));
            }
            else
            {
                OperatorLog.Refused(logger, OperatorAudit.Action(http), OperatorAudit.Target(http), status, code ?? "",
                    OperatorAudit.Request(context));
            }

            return result;
        }
        catch (RequestRejectedException refusal)
        {
            var (status, code) = OperatorAudit.Outcome(refusal);
            OperatorLog.Refused(logger, OperatorAudit.Action(http), OperatorAudit.Target(http), status, code, OperatorAudit.Request(context));
            throw;
        }
        catch (Exception error)
        {
            OperatorLog.Failed(logger, OperatorAudit.Action(http), OperatorAudit.Target(http), error);
            throw;
        }
    }
}

/// <summary>Extensions to mark routes.</summary>
public static class OperatorRouteExtensions
{
    /// <summary>Requires the operator key on the route (401 <c>operator_key_required</c> without it).</summary>
    public static TBuilder RequireOperatorKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, OperatorOnly>().WithMetadata(new OperatorKeyMetadata())
            .Refuses(StatusCodes.Status401Unauthorized);
}
