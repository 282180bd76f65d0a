using System.Security.Claims;
using HongqiFlow.Messages;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HongqiFlow.Server.Audit;

/// <summary>A token to issue: the person, their roles (at most one separated administrator role), optionally name, positions and lifetime.</summary>
/// <param name="Hours">Lifetime in hours, more than 0 and at most 24; 8 when absent.</param>
public sealed record IssueTokenRequest(string? User, IReadOnlyList<string>? Roles, string? Name, IReadOnlyList<string>? Positions, double? Hours);

/// <summary>The issued bearer token and what it carries.</summary>
public sealed record IssuedToken(string Token, string User, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt);

/// <summary>
/// Issuing bearer tokens, the security administrator's (安全管理员) work: who gets which roles is recorded in the
/// operations audit (never the token itself). A token with two separated administrator roles, or one for oneself, is refused.
/// </summary>
public static class TokenEndpoints
{
    public const double MaxHours = 24;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/security/tokens", Issue).WithTags("security").RequireAuthorization(Policies.Security)
            .WithSummary("issue a bearer token to a person with roles (at most one of admin, security-admin, auditor); recorded in the operations audit")
            .WithName("issueToken");
    }

    internal static Results<Ok<IssuedToken>, ValidationProblem> Issue(
        IssueTokenRequest? body, ClaimsPrincipal principal, HttpContext http, JwtSettings settings, TimeProvider time)
    {
        var user = body?.User?.Trim();
        if (string.IsNullOrEmpty(user) || user.Length > 100)
        {
            return Problems.Field("user", "the person's user id, 1–100 characters");
        }

        var roles = (body!.Roles ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var unknownRole = roles.FirstOrDefault(r => !Roles.IsKnown(r));
        if (roles.Count == 0 || unknownRole is not null)
        {
            return Problems.Field("roles", unknownRole is null ? "at least one role: " + Roles.Known : $"unknown role '{unknownRole}': use {Roles.Known}");
        }

        if (Roles.SeparatedAmong(roles) is { Count: > 1 } separated)
        {
            var message = Roles.TwoSeparatedRolesMessage(separated);
            return Problems.Field("roles", message.English, message.Chinese);
        }

        if (user == Caller.From(principal).UserId)
        {
            var message = Message.Of("security.token-for-oneself");
            return Problems.Field("user", message.English, message.Chinese);
        }

        var hours = body.Hours ?? 8;
        if (!(hours > 0 && hours <= MaxHours))
        {
            return Problems.Field("hours", $"more than 0 and at most {MaxHours}");
        }

        var positions = (body.Positions ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        if (positions.Count > 0 && !roles.Any(r => r.StartsWith(Roles.DepartmentPrefix, StringComparison.Ordinal)))
        {
            return Problems.Field("positions", "positions need a department role (department:<id>): a position belongs to a department");
        }

        var now = time.GetUtcNow();
        var lifetime = TimeSpan.FromHours(hours);
        var token = TokenIssuer.Mint(settings, user, roles, now, lifetime, body.Name, positions);
        OperationsAudit.SetTarget(http, user);
        OperationsAudit.AddDetail(http, "issuedRoles", roles);
        OperationsAudit.AddDetail(http, "hours", hours);
        return TypedResults.Ok(new IssuedToken(token, user, roles, now + lifetime));
    }
}
