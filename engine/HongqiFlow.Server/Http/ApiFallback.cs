using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace HongqiFlow.Server.Http;

/// <summary>
/// What an API request that no endpoint took is told: 405 with the methods the path takes, 415 when the path and
/// method exist but the body is not JSON, and 404 only for a path the API does not have. (The catch-all route that
/// keeps unknown API paths from the web app also takes these requests, so routing's own 405 and 415 never happen.)
/// </summary>
public static class ApiFallback
{
    // The matchers of the API's routes, built once per set of endpoints (the set is replaced, not changed, when it changes).
    private static readonly ConditionalWeakTable<EndpointDataSource, Matchers> Cache = [];

    public static ProblemHttpResult Answer(HttpContext http, EndpointDataSource endpoints, string? rest)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoints);
        var path = http.Request.Path;
        var matching = MatchersOf(endpoints).Where(m => m.Matcher.TryMatch(path, [])).Select(m => m.Endpoint).ToList();
        var methods = matching.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (methods.Count == 0)
        {
            return Problems.NotFound($"no API endpoint /api/{rest}; see /api-docs");
        }

        var method = http.Request.Method;
        if (!methods.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            http.Response.Headers.Allow = string.Join(", ", methods);
            return TypedResults.Problem($"{method} is not taken here; {path} takes {string.Join(", ", methods)}",
                statusCode: StatusCodes.Status405MethodNotAllowed, title: "method not allowed");
        }

        var accepted = matching.SelectMany(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (accepted.Count > 0)
        {
            var sent = http.Request.ContentType is { Length: > 0 } type ? $"'{type}'" : "no Content-Type";
            return TypedResults.Problem($"{method} {path} takes a body of type {string.Join(" or ", accepted)}; the request had {sent}",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "unsupported media type");
        }

        return Problems.NotFound($"no API endpoint {method} /api/{rest}; see /api-docs");
    }

    private static IReadOnlyList<(RouteEndpoint Endpoint, TemplateMatcher Matcher)> MatchersOf(EndpointDataSource endpoints)
    {
        var current = endpoints.Endpoints;
        if (Cache.TryGetValue(endpoints, out var cached) && ReferenceEquals(cached.Source, current))
        {
            return cached.List;
        }

        var built = new Matchers(current, [.. current.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.All(p => !p.IsCatchAll))
            .Select(e => (e, new TemplateMatcher(new RouteTemplate(e.RoutePattern), [])))]);
        Cache.AddOrUpdate(endpoints, built);
        return built.List;
    }

    private sealed record Matchers(IReadOnlyList<Endpoint> Source, IReadOnlyList<(RouteEndpoint Endpoint, TemplateMatcher Matcher)> List);
}
