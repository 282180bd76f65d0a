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

        var (zh, en) = BuiltInAuthority.Describe(_definition, _original, name);
        if (BuiltInAuthority.IsOutsider(_definition, _actor))
        {
            var known = _actor.Department is { } d && _definition.Organization.Departments.Any(x => x.Id == d);
            var who = known ? DepartmentName(_actor.Department) : $"“{_actor.Department}”";
            return Reject(RejectionCodes.DepartmentNotInItem,
                $"{who}{(known ? "不是本事项（" + _definition.Definition.Item.Name + "）的办理部门" : "不是组织目录中的部门")}，不能操作“{name}”；“{name}”只能由{zh}操作。",
                $"{(known ? $"Department {_actor.Department} takes no part in this item" : $"'{_actor.Department}' is not a department of the organization")}; '{name}' may be sent by {en} only.");
        }

        return Reject(RejectionCodes.RoleNotAllowed,
            $"“{name}”只能由{zh}操作，当前操作人是{_actor.RoleText}。",
            $"'{name}' may be sent by {en} only, not by {_actor.RoleText}.");
    }
}
