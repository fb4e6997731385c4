using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Actors.Silo.Gateway;

/// <summary>
/// The problem responses the OpenAPI document declares beside an operation's 200 and the 400 of its fields, each with the
/// problem schema (RFC 7807 and its stable <c>code</c>): what a route refuses under its own rules (<see cref="Refuses"/>:
/// 404, 409, 423, ...), what its credential refuses (401, 403: declared by <c>RequireOperatorKey</c> and the session
/// requirements), and what every route of a kind answers (<see cref="WithCommonProblems"/>).
/// </summary>
internal static class OpenApiResponses
{
    private static readonly string[] ProblemContent = ["application/problem+json"];

    /// <summary>Gives the problem schemas their <c>code</c>, which every problem carries.</summary>
    public static void Configure(OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
            {
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "A stable code for the problem, such as not_found, insufficient_balance or idempotency_key_reused.",
                };
                schema.Required ??= new HashSet<string>();
                schema.Required.Add("code");
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Declares the problems the route answers when its rules refuse a request; a status the route declares already (such as
    /// the 400 of its validation) keeps its own schema.
    /// </summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Finally(endpoint =>
        {
            foreach (var status in statuses)
            {
                Declare(endpoint.Metadata, status);
            }
        });
        return builder;
    }

    /// <summary>
    /// Declares, on every route of the group, what any route of its kind can answer: 503 when the cluster could not complete the
    /// call; on a state-changing route 409 for its Idempotency-Key (reused with another body, or still running) and 429 for
    /// the rate limits; and on a route that takes a body 413 (above Gateway:MaxBodyBytes) and 415 (not JSON).
    /// </summary>
    public static TBuilder WithCommonProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            if (metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods.Any(IdempotencyMiddleware.ChangesState) ?? false)
            {
                Declare(metadata, StatusCodes.Status409Conflict);
                Declare(metadata, StatusCodes.Status429TooManyRequests);
            }

            if (metadata.OfType<IAcceptsMetadata>().Any(accepts => accepts.RequestType is not null))
            {
                Declare(metadata, StatusCodes.Status413PayloadTooLarge);
                Declare(metadata, StatusCodes.Status415UnsupportedMediaType);
            }

            Declare(metadata, StatusCodes.Status503ServiceUnavailable);
        });
        return builder;
    }

    // One declaration a status: the first stands. A 400 names the fields that are wrong (errors), as the validation's does.
    private static void Declare(IList<object> metadata, int status)
    {
        if (!metadata.OfType<IProducesResponseTypeMetadata>().Any(produces => produces.StatusCode == status))
        {
            var problem = status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            metadata.Add(new ProducesResponseTypeMetadata(status, problem, ProblemContent));
        }
    }
}
