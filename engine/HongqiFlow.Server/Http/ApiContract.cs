using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;

namespace HongqiFlow.Server.Http;

/// <summary>
/// How /openapi/v1.json is made. Each handler returns typed results (<c>Results&lt;Ok&lt;T&gt;, ValidationProblem,
/// ProblemHttpResult&gt;</c>), which declare its success answer and its 400; each endpoint is named (<c>WithName</c>,
/// the operationId) and lists with <see cref="Problems"/> the other problem statuses its handler gives, as a
/// <c>ProblemHttpResult</c> does not say its status. The statuses every operation of a kind shares are added by
/// <see cref="ApiContractOperations"/> from the endpoint's metadata (400/413/415 for input, 401/403 and the bearer
/// requirement for a protected endpoint, <c>security: []</c> for an anonymous one, 429 for a rate-limited one), and
/// <see cref="ApiContractDocument"/> adds the bearer scheme and fixes which fields are required. The contract test
/// (tests/HongqiFlow.Server.Tests/OpenApiContractTests) calls every operation and checks each answer against it.
/// </summary>
public static class ApiContract
{
    public const string HtmlContentType = "text/html";

    /// <summary>The OpenAPI document's generator with the project's transformers.</summary>
    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddSchemaTransformer<ApiContractNumbers>();
        options.AddOperationTransformer<ApiContractOperations>();
        options.AddDocumentTransformer<ApiContractDocument>();
    }

    /// <summary>Declares that the <paramref name="status"/> answer may also come as <paramref name="contentType"/> text (e.g. CSV beside JSON).</summary>
    public static RouteHandlerBuilder AlsoAnswers(this RouteHandlerBuilder builder, int status, string contentType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new AlternativeContent(status, contentType));
    }

    /// <summary>Declares problem+json answers with these statuses.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(statuses);
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}

/// <summary>Endpoint metadata: the answer with <paramref name="Status"/> may also be text of <paramref name="ContentType"/>.</summary>
public sealed record AlternativeContent(int Status, string ContentType);
