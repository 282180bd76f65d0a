using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace HongqiFlow.Server.Http;

/// <summary>
/// Adds to each operation the answers it shares with every operation of its kind, from the endpoint's metadata:
/// 400 (a parameter or body field refused, or not bindable) where it takes input; 413 and 415 where it takes a body;
/// 401 and 403 and the bearer requirement where it is not anonymous (an anonymous one says <c>security: []</c>); 429
/// where it is rate limited. Every problem answer is <c>application/problem+json</c>. A body is required and its
/// schema is the request type (not <c>oneOf [null, …]</c>, which the nullable handler parameter gives).
/// </summary>
public sealed class ApiContractOperations : IOpenApiOperationTransformer
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>What each problem status means in this API.</summary>
    public static readonly IReadOnlyDictionary<int, string> Meanings = new Dictionary<int, string>
    {
        [StatusCodes.Status400BadRequest] = "The request is not valid: a parameter, the body or one of its fields was refused; `errors` names each field.",
        [StatusCodes.Status401Unauthorized] = "No bearer token, or one that is not valid (signature, issuer, expiry).",
        [StatusCodes.Status403Forbidden] = "The token's roles do not permit this operation, or the case does not involve the caller's department.",
        [StatusCodes.Status404NotFound] = "No such case, definition, version, calendar or document (the progress page: no case with this receipt number and verification code).",
        [StatusCodes.Status409Conflict] =
            "The request conflicts with the current state: the engine refused the event (`code`, Chinese `reason`, the `permitted` events), a draft was saved meanwhile, a version is already published — or `code` `case-integrity`: the case's stored snapshot does not match its audited history and is withheld.",
        [StatusCodes.Status413PayloadTooLarge] = "The request body is larger than the configured limit (Hongqi:MaxBodyBytes).",
        [StatusCodes.Status415UnsupportedMediaType] = "The request body is not JSON.",
        [StatusCodes.Status422UnprocessableEntity] = "The idempotency key was already used with a different request.",
        [StatusCodes.Status429TooManyRequests] = "Too many requests from this address, or too many wrong verification codes for this receipt number (`retryAfter`).",
        [StatusCodes.Status503ServiceUnavailable] = "The case is too busy to take the command now; retry after the time in the Retry-After header.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var limited = metadata.OfType<EnableRateLimitingAttribute>().Any();
        var hasBody = operation.RequestBody is not null;
        var hasParameters = operation.Parameters is { Count: > 0 };

        if (operation.RequestBody is OpenApiRequestBody body)
        {
            body.Required = true;
            foreach (var media in body.Content?.Values ?? [])
            {
                media.Schema = WithoutNull(media.Schema);
            }
        }

        operation.Responses ??= [];
        var problems = new List<int>();
        if (hasBody || hasParameters)
        {
            problems.Add(StatusCodes.Status400BadRequest);
        }

        if (hasBody)
        {
            problems.AddRange([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
        }

        if (anonymous)
        {
            operation.Security = [];
        }
        else
        {
            problems.AddRange([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiContractDocument.BearerScheme, context.Document)] = [] }];
        }

        if (limited)
        {
            problems.Add(StatusCodes.Status429TooManyRequests);
        }

        foreach (var status in problems)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse();
            }
        }

        foreach (var alternative in metadata.OfType<AlternativeContent>())
        {
            if (operation.Responses.TryGetValue(alternative.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var answer) && answer is OpenApiResponse { Content: { } content })
            {
                content[alternative.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
        }

        foreach (var (key, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete || !int.TryParse(key, out var status) || status < 400)
            {
                continue;
            }

            concrete.Description = Meanings.TryGetValue(status, out var meaning) ? meaning : concrete.Description;
            concrete.Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(ApiContractDocument.ProblemSchema, context.Document) },
            };
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                concrete.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before sending the command again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
                };
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The schema of a nullable body parameter, <c>oneOf [null, X]</c>, is X: a body is required.</summary>
    private static IOpenApiSchema? WithoutNull(IOpenApiSchema? schema)
    {
        if (schema is OpenApiSchema { OneOf: { Count: 2 } oneOf } && oneOf.Count(s => s is OpenApiSchema { Type: JsonSchemaType.Null }) == 1)
        {
            return oneOf.Single(s => s is not OpenApiSchema { Type: JsonSchemaType.Null });
        }

        return schema;
    }
}
