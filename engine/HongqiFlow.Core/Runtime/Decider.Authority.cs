namespace HongqiFlow.Runtime;

/// <summary>Who may send a built-in event: checked against <see cref="BuiltInAuthority"/>, the table permissions list from.</summary>
internal sealed partial class Decider
{
    private Rejection? BuiltInSender()
    {
        var name = _command.Event;
        if (!BuiltInEvents.IsBuiltIn(name) || BuiltInAuthority.Allows(_definition, _original, _actor, name))
        {
            return null;
        }

        var allowed = BuiltInAuthority.Describe(_definition, _original, name);
        if (BuiltInAuthority.IsOutsider(_definition, _actor))
        {
            var known = _actor.Department is { } d && _definition.Organization.Departments.Any(x => x.Id == d);
            return known
                ? Reject(RejectionCodes.DepartmentNotInItem, null,
                    ("department", DepartmentName(_actor.Department)), ("departmentId", _actor.Department), ("item", _definition.Definition.Item.Name), ("event", name), ("allowed", allowed))
                : Reject(RejectionCodes.DepartmentNotInItem, "unknown-department", ("department", _actor.Department), ("event", name), ("allowed", allowed));
        }

        return Reject(RejectionCodes.RoleNotAllowed, null, ("event", name), ("allowed", allowed), ("actor", _actor.RoleText));
    }
}
