using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Actors.Silo.Gateway;

/// <summary>Endpoint metadata: the route needs the operator key.</summary>
public sealed class OperatorKeyMetadata;

/// <summary>Endpoint metadata: the route needs a wallet session.</summary>
public sealed class WalletSessionMetadata;

/// <summary>
/// The OpenAPI document's security: the operator key (<c>X-Operator-Key</c>) and the session token (<c>Authorization: Bearer</c>)
/// as schemes, each operation marked with what it needs, and the <c>Idempotency-Key</c> header on every state-changing operation.
/// </summary>
internal static class OpenApiSecurity
{
    private const string OperatorScheme = "operatorKey";
    private const string SessionScheme = "session";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[OperatorScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = OperatorKey.Header,
                Description = "The operator key (Gateway:OperatorKey).",
            };
            document.Components.SecuritySchemes[SessionScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "A session token from POST /api/auth/verify (Sign-In with Ethereum); it acts for one wallet.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var scheme = metadata.OfType<OperatorKeyMetadata>().Any() ? OperatorScheme
                : metadata.OfType<WalletSessionMetadata>().Any() ? SessionScheme
                : null;
            if (scheme is not null)
            {
                operation.Security ??= [];
                operation.Security.Add(
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
            }

            if (context.Description.HttpMethod is { } method && IdempotencyMiddleware.ChangesState(method))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyMiddleware.Header, In = ParameterLocation.Header, Required = false,
                    Description = "1 to 100 letters, digits, '.', '_' or '-': a repeat with the same key and body returns the first "
                        + "response; another body is 409.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 },
                });
            }

            return Task.CompletedTask;
        });
    }
}
