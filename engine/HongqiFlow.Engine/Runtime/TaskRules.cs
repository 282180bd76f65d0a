using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>A refusal of a task rule, bilingual; <see cref="Decider"/> turns it into a rejection, the permissions into "not listed".</summary>
internal readonly record struct TaskRefusal(string Code, string Chinese, string English);

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

    /// <summary>The actor may do the step as one of its people: department, position, named person, four-eyes.</summary>
    public static TaskRefusal? Eligible(CompiledDefinition d, CaseState s, CompiledRegion region, TaskRule rule, CaseTask task, Actor actor, string? position)
    {
        var step = region.TitleOf(task.State);
        if (!IsPerson(actor) || actor.Department != task.Department)
        {
            return new(RejectionCodes.NotEligible,
                $"“{step}”由{DepartmentName(d, task.Department)}的人员办理，当前操作人（{actor.RoleText}）不是该部门人员。",
                $"'{task.State}' is done by the people of {task.Department}; {actor.RoleText} is not one of them.");
        }

        if (position is not null && !actor.Holds(position))
        {
            return new(RejectionCodes.NotEligible,
                $"“{step}”须由{DepartmentName(d, task.Department)}的{PositionName(d, task.Department, position)}办理，{actor.Person}不在该岗位。",
                $"'{task.State}' is done by a {position} of {task.Department}; {actor.Person} does not hold that position.");
        }

        var named = rule.Person ?? (rule.PersonFrom is { } key ? s.Data.GetString(key) : null);
        if (named is not null && named != actor.Person)
        {
            return new(RejectionCodes.NotEligible,
                $"“{step}”只能由{PersonName(d, task.Department, named)}办理。",
                $"'{task.State}' may be done by {named} only, not by {actor.Person}.");
        }

        return FourEyes(d, s, region, rule, task, actor);
    }

    /// <summary>The same / not the same person as another step (审核与承办不得为同一人).</summary>
    public static TaskRefusal? FourEyes(CompiledDefinition d, CaseState s, CompiledRegion region, TaskRule rule, CaseTask task, Actor actor)
    {
        if (rule.NotSameAs is { } other && s.People?.LastDone(region.Name, other) is { } did && (did.Person == actor.Person || did.Person == actor.UserId))
        {
            return new(RejectionCodes.FourEyes,
                $"“{region.TitleOf(task.State)}”与“{region.TitleOf(other)}”不得为同一人：{actor.Person}已办理“{region.TitleOf(other)}”。",
                $"'{task.State}' and '{other}' may not be done by the same person; {actor.Person} did '{other}'.");
        }

        if (rule.SameAs is { } same && s.People?.LastDone(region.Name, same) is { } sameDid && sameDid.Person != actor.Person)
        {
            return new(RejectionCodes.FourEyes,
                $"“{region.TitleOf(task.State)}”须由办理“{region.TitleOf(same)}”的{sameDid.Name ?? sameDid.Person}办理。",
                $"'{task.State}' must be done by {sameDid.Person}, who did '{same}'.");
        }

        return null;
    }

    /// <summary>The actor may send a definition event of the step (a single-person step): holder, or an eligible person while it is in the pool.</summary>
    public static TaskRefusal? MayDecide(CompiledDefinition d, CaseState s, CompiledRegion region, TaskRule rule, CaseTask task, Actor actor)
    {
        if (task.Delegate is { } delegated)
        {
            return new(RejectionCodes.TaskNotOpen,
                $"“{region.TitleOf(task.State)}”已委派给{task.DelegateName ?? delegated}，待其办理完毕（resolve）后由{task.HolderName ?? task.Holder}确认。",
                $"'{task.State}' is delegated to {delegated}; it comes back to {task.Holder} once resolved.");
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
        new(RejectionCodes.TaskHeldByOther,
            $"“{region.TitleOf(task.State)}”由{task.HolderName ?? task.Holder}办理，{actor.Person}不能办理他人的任务。",
            $"'{task.State}' is held by {task.Holder}; {actor.Person} cannot act on another person's task.");

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

        var step = region.TitleOf(task.State);
        if (task.Signers.Any(x => !x.Pending && x.Person == actor.Person))
        {
            return (-1, new(RejectionCodes.NotSigner, $"{actor.Person}已在“{step}”签署，不能重复签署。", $"{actor.Person} has already signed '{task.State}'."));
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
                var who = slot.Person is { } next ? PersonName(d, task.Department, next) : PositionName(d, task.Department, slot.Slot);
                return (-1, new(RejectionCodes.NotSigner,
                    $"“{step}”依次审批，现在轮到{who}签署。",
                    $"'{task.State}' is signed in order; it is {slot.Person ?? slot.Slot}'s turn."));
            }
        }

        return (-1, new(RejectionCodes.NotSigner,
            $"{actor.Person}不是“{step}”的待签署人（签署人：{string.Join("、", task.Signers.Select(x => x.Person is { } p ? PersonName(d, task.Department, p) : PositionName(d, task.Department, x.Slot)))}）。",
            $"{actor.Person} is not a pending signer of '{task.State}' (signers: {string.Join(", ", task.Signers.Select(x => x.Person ?? x.Slot))})."));
    }

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
            return new(RejectionCodes.NotEligible, $"{person}不是{dept.Name}的人员。", $"{person} is not a person of {department}.");
        }

        if (department == task.Department && rule.Position is { } position && !listed.Positions.Contains(position))
        {
            return new(RejectionCodes.NotEligible,
                $"{listed.Name}不是{dept.Name}的{PositionName(d, department, position)}，不能办理“{region.TitleOf(task.State)}”。",
                $"{person} does not hold the position {position} of {department} and cannot do '{task.State}'.");
        }

        if (rule.NotSameAs is { } other && s.People?.LastDone(region.Name, other) is { } did && did.Person == person)
        {
            return new(RejectionCodes.FourEyes,
                $"“{region.TitleOf(task.State)}”与“{region.TitleOf(other)}”不得为同一人：{listed.Name}已办理“{region.TitleOf(other)}”。",
                $"'{task.State}' and '{other}' may not be done by the same person; {person} did '{other}'.");
        }

        return null;
    }
}
