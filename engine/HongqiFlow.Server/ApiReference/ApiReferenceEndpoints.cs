using HongqiFlow.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;

namespace HongqiFlow.Server.ApiReference;

/// <summary>
/// The browsable API reference at /api-docs: Scalar's reference page over /openapi/v1.json. It works offline, as the
/// server often runs inside a government network: the page and its script (<c>/api-docs/scalar.js</c>, embedded in
/// Scalar.AspNetCore) come from this server, and everything Scalar would fetch from its own CDN or services (fonts,
/// telemetry, the AI agent) is off.
/// </summary>
public static class ApiReferenceEndpoints
{
    public const string Path = "/api-docs";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(Path, options => options
                .WithTitle("HongqiFlow API 参考 / API reference")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddPreferredSecuritySchemes(ApiContractDocument.BearerScheme)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent())
            .AllowAnonymous();
        return app;
    }
}
