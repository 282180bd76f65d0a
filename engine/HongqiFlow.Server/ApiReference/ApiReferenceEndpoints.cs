using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server.ApiReference;

/// <summary>The browsable API reference (/api-docs): one self-contained page that renders /openapi/v1.json, no outside assets.</summary>
public static class ApiReferenceEndpoints
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(ApiReferenceEndpoints).Assembly.GetManifestResourceStream("api-docs.html")
            ?? throw new InvalidOperationException("the api-docs.html resource is missing from the server assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api-docs", () => Results.Content(Page.Value, "text/html; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
