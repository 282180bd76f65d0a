using HongqiFlow.Definitions.Model;
using HongqiFlow.Messages;

namespace HongqiFlow.Runtime;

/// <summary>A refusal of a task rule: its code and catalog message; <see cref="Decider"/> turns it into a rejection, the permissions into "not listed".</summary>
internal readonly record struct TaskRefusal(string Code, Message Message);

/// <summary>
/// Who may do what on a personal task, as pure functions of the definition, the case and the actor, so that
/// <see cref="Decider"/> and <see cref="Permissions"/> cannot disagree.
/// </summary>
internal static class TaskRules
{
    public static bool IsPerson(Actor actor) => actor.Role is ActorRole.Department or ActorRole.Lead;

    public static string DepartmentName(CompiledDefinition d, string? id) => d.Department(id)?.Name ?? id ?? "未知部门";

    public static string PositionName(CompiledDefinition d, string department, string position) =>
        d.Department(department)?.Position(position)?.Name ?? position;

    public static string PersonName(CompiledDefinition d, string? department, string person) =>
        d.Department(department)?.Person(person)?.Name
        ?? d.Organization.Departments.Select(x => x.Person(person)).FirstOrDefault(x => x is not null)?.Name
        ?? person;

    /// <summary>A step as a message value: its title in Chinese, its id in English.</summary>
    public static Localized Step(CompiledRegion region, string state) => new(region.TitleOf(state), state);

    /// <summary>A department as a message value: its name in Chinese, its id in English.</summary>
    public static Localized Department(CompiledDefinition d, string? id) => new(DepartmentName(d, id), id ?? string.Empty);

    /// <summary>A person as a message value: the name (when known) in Chinese, the id in English.</summary>
    public static Localized Person(string? name, string? id) => new(name ?? id ?? string.Empty, id ?? string.Empty);

    /// <summary>The actor may do the step as one of its people: department, position, named person, four-eyes.</summary>
    public static TaskRefusal? Eligible(CompiledDefinition d, CaseState s, CompiledRegion region, TaskRule rule, CaseTask task, Actor actor, string? position)
    {
        var step = Step(region, task.State);
        if (!IsPerson(actor) || actor.Department != task.Department)
        {
            return new(RejectionCodes.NotEligible, Message.Of(RejectionCodes.NotEligible + ".department",
                ("step", step), ("department", Department(d, task.Department)), ("actor", actor.RoleText)));
        }

        if (position is not null && !actor.Holds(position))
        {
            return new(RejectionCodes.NotEligible, Message.Of(RejectionCodes.NotEligible + ".position",
                ("step", step), ("department", Department(d, task.Department)),
                ("position", new Localized(PositionName(d, task.Department, position), position)), ("person", actor.Person)));
        }

        var named = rule.Person ?? (rule.PersonFrom is { } key ? s.Data.GetString(key) : null);
        if (named is not null && named != actor.Person)
        {
            return new(RejectionCodes.NotEligible, Message.Of(RejectionCodes.NotEligible + ".named",
                ("step", step), ("named", Person(PersonName(d, task.Department, named), named)), ("person", actor.Person)));
        }

        return FourEyes(d, s, region, rule, task, actor);
    }

    /// <summary>The same / not the same person as another step (审核与承办不得为同一人).</summary>
    public static TaskRefusal? FourEyes(CompiledDefinition d, CaseState s, CompiledRegion region, TaskRule rule, CaseTask task, Actor actor)
    {
        if (rule.NotSameAs is { } other && s.People?.LastDone(region.Name, other) is { } did && (did.Person == actor.Person || did.Person == actor.UserId))
        {
            return new(RejectionCodes.FourEyes, Message.Of(RejectionCodes.FourEyes + ".not-same",
                ("step", Step(region, task.State)), ("other", Step(region, other)), ("person", actor.Person)));
        }

        if (rule.SameAs is { } same && s.People?.LastDone(region.Name, same) is { } sameDid && sameDid.Person != actor.Person)
        {
            return new(RejectionCodes.FourEyes, Message.Of(RejectionCodes.FourEyes + ".same-as",
                ("step", Step(region, task.State)), ("other", Step(region, same)), ("person", Person(sameDid.Name, sameDid.Person))));
        }

        return null;
    }

    /// <summary>The actor may send a definition event of the step (a single-person step): holder, or an eligible person while it is in the pool.</summary>
    public static TaskRefusal? MayDecide(CompiledDefinition d, CaseState s, CompiledRegion region, TaskRule rule, CaseTask task, Actor actor)
    {
        if (task.Delegate is { } delegated)
        {
            return new(RejectionCodes.TaskNotOpen, Message.Of(RejectionCodes.TaskNotOpen + ".delegated",
                ("step", Step(region, task.State)), ("delegate", Person(task.DelegateName, delegated)), ("holder", Person(task.HolderName, task.Holder))));
        }

        if (task.Holder is { } holder)
        {
            if (holder != actor.Person || !IsPerson(actor))
            {
                return HeldByOther(region, task, actor);
            }

            return FourEyes(d, s, region, rule, task, actor);
        }

        return Eligible(d, s, region, rule, task, actor, rule.Position);
    }

    public static TaskRefusal HeldByOther(CompiledRegion region, CaseTask task, Actor actor) =>
        new(RejectionCodes.TaskHeldByOther, Message.Of(RejectionCodes.TaskHeldByOther,
            ("step", Step(region, task.State)), ("holder", Person(task.HolderName, task.Holder)), ("person", actor.Person)));

    /// <summary>The pending signer slot the actor signs (会签/或签/依次/票签), or why none.</summary>
    public static (int Index, TaskRefusal? Refusal) SignerSlot(CompiledDefinition d, CaseState s, CompiledRegion region, TaskRule rule, CaseTask task, Actor actor)
    {
        if (!IsPerson(actor) || actor.Department != task.Department)
        {
            return (-1, Eligible(d, s, region, rule, task, actor, null));
        }

        if (FourEyes(d, s, region, rule, task, actor) is { } fourEyes)
        {
            return (-1, fourEyes);
        }

        var step = Step(region, task.State);
        if (task.Signers.Any(x => !x.Pending && x.Person == actor.Person))
        {
            return (-1, new(RejectionCodes.NotSigner, Message.Of(RejectionCodes.NotSigner + ".signed", ("step", step), ("person", actor.Person))));
        }

        for (var i = 0; i < task.Signers.Count; i++)
        {
            var slot = task.Signers[i];
            if (!slot.Pending)
            {
                continue;
            }

            var mine = slot.Person is { } p ? p == actor.Person : actor.Holds(slot.Slot);
            if (mine)
            {
                return (i, null);
            }

            if (rule.Signing == SigningMode.Sequential)
            {
                return (-1, new(RejectionCodes.NotSigner, Message.Of(RejectionCodes.NotSigner + ".turn", ("step", step), ("signer", Signer(d, task, slot)))));
            }
        }

        return (-1, new(RejectionCodes.NotSigner, Message.Of(RejectionCodes.NotSigner + ".not-signer",
            ("step", step), ("person", actor.Person), ("signers", task.Signers.Select(x => Signer(d, task, x)).ToList()))));
    }

    /// <summary>A signer slot as a message value: the person's or position's name in Chinese, the person id or slot in English.</summary>
    private static Localized Signer(CompiledDefinition d, CaseTask task, TaskSigner slot) =>
        new(slot.Person is { } p ? PersonName(d, task.Department, p) : PositionName(d, task.Department, slot.Slot), slot.Person ?? slot.Slot);

    /// <summary>How the signing stands: <c>approve</c>, <c>refuse</c>, or null while undecided.</summary>
    public static string? Conclusion(TaskRule rule, CaseTask task)
    {
        var approved = task.Signers.Count(x => x.Decision == "approve");
        var refused = task.Signers.Count(x => x.Decision == "refuse");
        var pending = task.Signers.Count(x => x.Pending);
        switch (rule.Signing)
        {
            case SigningMode.Any:
                return refused > 0 ? "refuse" : approved > 0 ? "approve" : null;
            case SigningMode.Vote:
                var need = Need(rule, task.Signers.Count);
                return approved >= need ? "approve" : approved + pending < need ? "refuse" : null;
            default:
                return refused > 0 ? "refuse" : pending == 0 ? "approve" : null;
        }
    }

    /// <summary>票签: the agreeing signers needed out of <paramref name="signers"/>.</summary>
    public static int Need(TaskRule rule, int signers) =>
        rule.PassCount ?? (int)Math.Ceiling((rule.PassRatio ?? 1m) * signers);

    /// <summary>A holder of an <c>assigns</c> position (a leader) of the task's department.</summary>
    public static bool Assigns(CompiledDefinition d, CaseTask task, Actor actor) =>
        IsPerson(actor) && actor.Department == task.Department
        && d.Department(task.Department) is { } department && department.Positions.Any(p => p.Assigns && actor.Holds(p.Id));

    /// <summary>May receive the task (分派、转办): listed among the department's people with the position, when the department lists people.</summary>
    public static TaskRefusal? Receiver(CompiledDefinition d, CaseState s, CompiledRegion region, TaskRule rule, CaseTask task, string person, string department)
    {
        var dept = d.Department(department);
        if (dept is null || dept.People.Count == 0)
        {
            return null;
        }

        if (dept.Person(person) is not { } listed)
        {
            return new(RejectionCodes.NotEligible, Message.Of(RejectionCodes.NotEligible + ".not-listed",
                ("person", person), ("department", new Localized(dept.Name, department))));
        }

        if (department == task.Department && rule.Position is { } position && !listed.Positions.Contains(position))
        {
            return new(RejectionCodes.NotEligible, Message.Of(RejectionCodes.NotEligible + ".receiver-position",
                ("person", Person(listed.Name, person)), ("department", new Localized(dept.Name, department)),
                ("position", new Localized(PositionName(d, department, position), position)), ("step", Step(region, task.State))));
        }

        if (rule.NotSameAs is { } other && s.People?.LastDone(region.Name, other) is { } did && did.Person == person)
        {
            return new(RejectionCodes.FourEyes, Message.Of(RejectionCodes.FourEyes + ".not-same",
                ("step", Step(region, task.State)), ("other", Step(region, other)), ("person", Person(listed.Name, person))));
        }

        return null;
    }
}
