using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HongqiFlow.Server.Http;

/// <summary>
/// Numbers are JSON numbers in the contract. The web serializer's defaults also read a number written as a string,
/// so the generator types every number <c>[integer, string]</c> with a digits pattern; the server never writes one
/// as a string, and clients (the web app's generated types) should not have to handle <c>number | string</c>.
/// </summary>
public sealed class ApiContractNumbers : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        return Task.CompletedTask;
    }
}
