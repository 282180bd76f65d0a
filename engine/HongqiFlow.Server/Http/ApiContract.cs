using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;

namespace HongqiFlow.Server.Http;

/// <summary>
/// What an operation declares in /openapi/v1.json: its operationId, its success answer and the problem statuses only
/// its handler gives. The statuses every operation of a kind shares are added by <see cref="ApiContractOperations"/>
/// from the endpoint's metadata (400/413/415 for input, 401/403 for a protected endpoint, 429 for a rate-limited one),
/// and <see cref="ApiContractDocument"/> adds the bearer scheme and fixes which fields are required. The contract
/// test (tests/HongqiFlow.Server.Tests/OpenApiContractTests) calls every operation and checks each answer against it.
/// </summary>
public static class ApiContract
{
    public const string HtmlContentType = "text/html";

    /// <summary>The OpenAPI document's generator with the project's transformers.</summary>
    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddOperationTransformer<ApiContractOperations>();
        options.AddDocumentTransformer<ApiContractDocument>();
    }

    /// <summary>
    /// Names the operation, declares its success answer (JSON of <typeparamref name="T"/> with <paramref name="status"/>)
    /// and the problem+json statuses its handler answers besides the shared ones.
    /// </summary>
    public static RouteHandlerBuilder Declares<T>(this RouteHandlerBuilder builder, string operationId, int status = StatusCodes.Status200OK, params int[] problems)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithName(operationId).Produces<T>(status);
        return builder.Problems(problems);
    }

    /// <summary>Names an operation whose success answer has no body (204) or is not JSON (<paramref name="contentType"/>).</summary>
    public static RouteHandlerBuilder Declares(this RouteHandlerBuilder builder, string operationId, int status, string? contentType, params int[] problems)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithName(operationId);
        if (contentType is null)
        {
            builder.Produces(status);
        }
        else
        {
            builder.Produces<string>(status, contentType);
        }

        return builder.Problems(problems);
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
