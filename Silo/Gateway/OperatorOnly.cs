namespace Actors.Silo.Gateway;

/// <summary>An endpoint filter that lets only calls carrying the operator key through.</summary>
public sealed class OperatorOnly(OperatorKey key) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return key.Matches(context.HttpContext.Request.Headers[OperatorKey.Header])
            ? await next(context)
            : ApiProblems.Problem(StatusCodes.Status401Unauthorized, ApiProblems.OperatorKeyRequired,
                "Operator key required.", $"This route is for operators: send the operator key in {OperatorKey.Header}.");
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
