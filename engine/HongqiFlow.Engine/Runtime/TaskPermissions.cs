using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>What a person may do on personal tasks now: the same rules <see cref="Decider"/> checks (<see cref="TaskRules"/>).</summary>
internal static class TaskPermissions
{
    /// <summary>A definition event of a task step is listed only for the person who may send it.</summary>
    public static bool AllowsEvent(CompiledDefinition definition, CaseState state, Actor actor, CompiledRegion region, string stateName, TransitionDefinition t)
    {
        if (region.State(stateName).Task is not { } rule || state.People?.Task(region.Name) is not { } task || task.State != stateName)
        {
            return true;
        }

        if (rule.Signing != SigningMode.Single)
        {
            return t.Event == rule.Approve || t.Event == rule.Refuse
                ? TaskRules.SignerSlot(definition, state, region, rule, task, actor).Refusal is null
                : TaskRules.Eligible(definition, state, region, rule, task, actor, null) is null;
        }

        return TaskRules.MayDecide(definition, state, region, rule, task, actor) is null;
    }

    public static void AddOperations(List<PermittedEvent> list, CompiledDefinition definition, CaseState state, Actor actor)
    {
        if (state.People is not { } people || state.Outcome is not null && people.Copies.Count == 0)
        {
            return;
        }

        var person = TaskRules.IsPerson(actor);
        foreach (var task in people.Tasks)
        {
            if (definition.Region(task.Region) is not { } region || state.Region(task.Region)?.State != task.State || region.State(task.State).Task is not { } rule)
            {
                continue;
            }

            void Add(string operation, string? target = null) => list.Add(new PermittedEvent(operation, task.Region, target, Title(operation)));
            var single = rule.Signing == SigningMode.Single;
            var holds = person && task.Holder == actor.Person && task.Delegate is null;
            if (single && task.Holder is null && TaskRules.Eligible(definition, state, region, rule, task, actor, rule.Position) is null)
            {
                Add(TaskOperations.Claim);
            }

            if (holds)
            {
                Add(TaskOperations.Release);
                Add(TaskOperations.Transfer);
                Add(TaskOperations.Delegate);
            }

            if (person && task.Delegate == actor.Person)
            {
                Add(TaskOperations.Resolve);
            }

            var assigns = TaskRules.Assigns(definition, task, actor);
            if (single && assigns)
            {
                Add(TaskOperations.Assign);
            }

            if (!single)
            {
                var signer = TaskRules.SignerSlot(definition, state, region, rule, task, actor).Refusal is null;
                if (assigns || signer || task.Signers.Any(x => x.Person == actor.Person))
                {
                    Add(TaskOperations.AddSigner);
                }

                if (assigns && task.Signers.Any(x => x.Pending) && task.Signers.Count > 1)
                {
                    Add(TaskOperations.RemoveSigner);
                }
            }

            var decides = single
                ? TaskRules.MayDecide(definition, state, region, rule, task, actor) is null
                : TaskRules.SignerSlot(definition, state, region, rule, task, actor).Refusal is null;
            if (decides && rule.MaySendBack && person
                && (rule.Returns.Count > 0 || people.Done.Any(d => d.Region == task.Region && d.State != task.State)))
            {
                Add(TaskOperations.SendBack);
            }

            if (person && task.FromPerson == actor.Person && !task.Acted)
            {
                Add(TaskOperations.Recall, task.From);
            }

            if (actor.Role is ActorRole.Window or ActorRole.Supervisor || Roles.IsLead(definition, actor))
            {
                Add(TaskOperations.Urge);
            }
        }

        if (actor.Role is not (ActorRole.Applicant or ActorRole.System) && !BuiltInAuthority.IsOutsider(definition, actor))
        {
            list.Add(new PermittedEvent(TaskOperations.Copy, RegionState.Main, null, Title(TaskOperations.Copy)));
        }

        if (!BuiltInAuthority.IsOutsider(definition, actor) && people.Copies.Any(c => c.ReadAt is null && (c.Recipient == $"person:{actor.Person}" || (actor.Department is { } d && c.Recipient == $"department:{d}"))))
        {
            list.Add(new PermittedEvent(TaskOperations.MarkRead, RegionState.Main, null, Title(TaskOperations.MarkRead)));
        }
    }

    /// <summary>The Chinese name of an operation, shown on its button.</summary>
    public static string Title(string operation) => operation switch
    {
        TaskOperations.Claim => "签收",
        TaskOperations.Release => "退签",
        TaskOperations.Assign => "分派",
        TaskOperations.Transfer => "转办",
        TaskOperations.Delegate => "委派",
        TaskOperations.Resolve => "委派办结",
        TaskOperations.AddSigner => "加签",
        TaskOperations.RemoveSigner => "减签",
        TaskOperations.SendBack => "退回",
        TaskOperations.Recall => "撤回",
        TaskOperations.Urge => "催办",
        TaskOperations.Copy => "抄送",
        TaskOperations.MarkRead => "已阅",
        _ => operation,
    };
}
