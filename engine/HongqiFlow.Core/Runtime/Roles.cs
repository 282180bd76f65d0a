using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>Who may fire a transition (<c>by:</c>).</summary>
internal static class Roles
{
    public static bool Allows(CompiledDefinition definition, CompiledRegion region, string state, TransitionDefinition transition, Actor actor)
    {
        if (transition.By.Count == 0)
        {
            return region.IsMain ? actor.Role == ActorRole.Window : IsDepartment(actor, region.Branch!.Department);
        }

        foreach (var by in transition.By)
        {
            if (Matches(definition, region, state, by, actor))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(CompiledDefinition definition, CompiledRegion region, string state, string by, Actor actor)
    {
        switch (by)
        {
            case "window":
                return actor.Role == ActorRole.Window;
            case "applicant":
                return actor.Role == ActorRole.Applicant;
            case "system":
                return actor.Role == ActorRole.System;
            case "supervisor":
                return actor.Role == ActorRole.Supervisor;
            case "lead":
                return IsLead(definition, actor);
            case "department":
                // In a branch, "department" is the branch's own department; in the main flow, the state's.
                var department = region.Branch?.Department ?? region.State(state).Department;
                return department is null
                    ? actor.Role is ActorRole.Department
                    : IsDepartment(actor, department);
            default:
                if (by.StartsWith("department:", StringComparison.Ordinal))
                {
                    var id = by["department:".Length..];
                    // A named department still acts only on its own branch.
                    return IsDepartment(actor, id) && (region.IsMain || region.Branch!.Department == id);
                }

                return false;
        }
    }

    public static bool IsLead(CompiledDefinition definition, Actor actor) =>
        actor.Role is ActorRole.Lead or ActorRole.Department && actor.Department == definition.Definition.Item.Lead;

    private static bool IsDepartment(Actor actor, string department) =>
        actor.Role is ActorRole.Department or ActorRole.Lead && actor.Department == department;

    public static IReadOnlyList<string> Describe(CompiledRegion region, TransitionDefinition transition) =>
        transition.By.Count > 0
            ? [.. transition.By.Select(b => b == "department" && region.Branch is not null ? $"department:{region.Branch.Department}" : b)]
            : [region.IsMain ? "window" : $"department:{region.Branch!.Department}"];
}
