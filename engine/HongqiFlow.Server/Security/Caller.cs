using System.Security.Claims;
using HongqiFlow.Runtime;

namespace HongqiFlow.Server.Security;

/// <summary>The signed-in user as the API sees them: user id and roles, and the engine actor they act as.</summary>
public sealed record Caller(string UserId, IReadOnlyList<string> Roles)
{
    public const string UserClaim = "sub";

    /// <summary>The person's display name (姓名).</summary>
    public const string NameClaim = "name";

    /// <summary>A position (岗位) the person holds in their department, one claim each (handler, reviewer, leader…).</summary>
    public const string PositionClaim = "position";

    public string? Name { get; init; }

    /// <summary>The positions from the token; empty when it gives none (then organization.yaml's people list is asked).</summary>
    public IReadOnlyList<string> Positions { get; init; } = [];

    public bool IsAdmin => Roles.Contains(Security.Roles.Admin);

    public bool IsWindow => Roles.Contains(Security.Roles.Window);

    public bool IsSupervisor => Roles.Contains(Security.Roles.Supervisor);

    /// <summary>The departments the caller belongs to (from <c>department:&lt;id&gt;</c> roles).</summary>
    public IReadOnlyList<string> Departments =>
        [.. Roles.Where(r => r.StartsWith(Security.Roles.DepartmentPrefix, StringComparison.Ordinal)).Select(r => r[Security.Roles.DepartmentPrefix.Length..])];

    public bool InDepartment(string department) => Departments.Contains(department, StringComparer.Ordinal);

    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirst(UserClaim)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "anonymous";
        var roles = user.FindAll(Security.Roles.ClaimType).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        return new Caller(id, roles)
        {
            Name = user.FindFirst(NameClaim)?.Value,
            Positions = [.. user.FindAll(PositionClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// The engine actors this caller may act as, most specific first: a department user of the item's lead department
    /// may also act as the lead; an admin acts as the window.
    /// </summary>
    public IReadOnlyList<Actor> Actors(string? leadDepartment)
    {
        var actors = new List<Actor>();
        foreach (var department in Departments)
        {
            actors.Add(Actor.OfDepartment(department, UserId));
            if (department == leadDepartment)
            {
                actors.Add(Actor.Lead(department, UserId));
            }
        }

        if (IsWindow || IsAdmin)
        {
            actors.Add(Actor.Window(UserId));
        }

        if (IsSupervisor || IsAdmin)
        {
            actors.Add(Actor.Supervisor(UserId));
        }

        return actors;
    }
}
