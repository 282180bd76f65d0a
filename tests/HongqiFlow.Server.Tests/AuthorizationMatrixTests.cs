using System.Net;
using System.Text.RegularExpressions;
using HongqiFlow.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// Every endpoint × every role, generated from the endpoint metadata: each endpoint names a policy (or is anonymous),
/// is documented with that policy in docs/api.md, and admits exactly the documented roles.
/// </summary>
public sealed partial class AuthorizationMatrixTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string[] RolesUnderTest = ["author", "window", "department:tax", "supervisor", "admin", "security-admin", "auditor"];

    private IReadOnlyList<(string Method, string Route, string Policy)> Endpoints()
    {
        var sources = server.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var list = new List<(string, string, string)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            route = ConstraintPattern().Replace(route, "}").TrimEnd('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
            var policy = anonymous ? "anonymous" : policies.Count == 1 ? policies[0] : "(none)";
            list.AddRange(methods.Select(m => (m, route.Length == 0 ? "/" : route, policy)));
        }

        return list;
    }

    private static Dictionary<(string, string), string> Documented()
    {
        var table = new Dictionary<(string, string), string>();
        foreach (var line in File.ReadAllLines(Repository.Path("docs", "api.md")))
        {
            var match = DocumentedRow().Match(line);
            if (match.Success)
            {
                table[(match.Groups[1].Value, match.Groups[2].Value)] = match.Groups[3].Value;
            }
        }

        return table;
    }

    [Fact]
    public void EveryEndpoint_NamesOnePolicy_AsDocumented()
    {
        var documented = Documented();
        var endpoints = Endpoints();
        endpoints.Count.ShouldBeGreaterThan(30);
        foreach (var (method, route, policy) in endpoints)
        {
            policy.ShouldNotBe("(none)", $"{method} {route} names no policy");
            documented.TryGetValue((method, route), out var written).ShouldBeTrue($"{method} {route} is missing from docs/api.md");
            written.ShouldBe(policy, $"{method} {route}");
        }

        documented.Keys.Except(endpoints.Select(e => (e.Method, e.Route))).ShouldBeEmpty("docs/api.md lists endpoints the server does not have");
    }

    [Fact]
    public async Task EveryRole_OnEveryEndpoint_IsAdmittedOrDeniedAsDocumented()
    {
        var failures = new List<string>();
        foreach (var (method, route, policy) in Endpoints().Where(e => e.Policy != "anonymous"))
        {
            var url = route.Replace("{code}", "QYKB-0001").Replace("{version}", "1").Replace("{id}", "nope").Replace("{kind}", "receipt")
                .Replace("{caseId}", "nope").Replace("{documentName}", "v1");
            foreach (var role in RolesUnderTest.Prepend(null))
            {
                using var client = server.As(role);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT")
                {
                    // A body no endpoint accepts: authorization is decided before the body is read.
                    request.Content = new StringContent("{\"unknown\": true}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var admitted = role is not null && Policies.Admitted[policy].Any(r => r == role || (r == Roles.DepartmentPrefix && role.StartsWith(Roles.DepartmentPrefix, StringComparison.Ordinal)));
                var status = response.StatusCode;
                // The URLs name no existing case, so no endpoint answers 403 of its own here: 401 and 403 are the policy.
                var denied = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                if (role is null && status != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{method} {route} without a token: {(int)status}, expected 401");
                }
                else if (role is not null && admitted == denied)
                {
                    failures.Add($"{method} {route} as {role}: {(int)status}, expected {(admitted ? "admitted" : "403")}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [GeneratedRegex(@":[a-z]+\}")]
    private static partial Regex ConstraintPattern();

    [GeneratedRegex(@"^\| (GET|POST|PUT|DELETE) \| (\S+) \| ([a-z-]+) \|")]
    private static partial Regex DocumentedRow();
}
