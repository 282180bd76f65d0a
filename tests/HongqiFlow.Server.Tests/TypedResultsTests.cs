using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// Every API endpoint in the document is named, every one its handler returns typed results (<c>Ok&lt;T&gt;</c>, <c>Results&lt;…&gt;</c>), never
/// a bare <see cref="IResult"/> or an object: the OpenAPI document reads the answers from the handler's type.
/// </summary>
public sealed class TypedResultsTests
{
    [Fact]
    public void EveryApiEndpoint_IsNamed_AndReturnsTypedResults()
    {
        using var server = new ServerFixture();
        _ = server.Server;
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();
        endpoints.Count.ShouldBeGreaterThan(25);

        var untyped = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var name = $"{endpoint.DisplayName} ({endpoint.RoutePattern.RawText})";
            var described = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true };
            if (described && endpoint.Metadata.GetMetadata<IEndpointNameMetadata>() is null)
            {
                untyped.Add($"{name}: no WithName");
            }

            var method = endpoint.Metadata.GetMetadata<MethodInfo>();
            if (method is null)
            {
                untyped.Add($"{name}: no handler method");
                continue;
            }

            var returned = method.ReturnType;
            if (returned.IsGenericType && (returned.GetGenericTypeDefinition() == typeof(Task<>) || returned.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            {
                returned = returned.GetGenericArguments()[0];
            }

            if (returned == typeof(IResult) || !typeof(IResult).IsAssignableFrom(returned))
            {
                untyped.Add($"{name}: returns {returned.Name}, not a typed result");
            }
        }

        untyped.ShouldBeEmpty();
    }
}
