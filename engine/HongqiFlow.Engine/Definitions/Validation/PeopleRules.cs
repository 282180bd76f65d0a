using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Definitions.Validation;

/// <summary>
/// Personal tasks (<c>task:</c>): the step has a department, its positions and people exist in organization.yaml, the
/// steps named by <c>sameAs</c>, <c>notSameAs</c> and <c>returns</c> are steps of the same region, the signing rule can
/// be met, and no event of the item is named like a task operation.
/// </summary>
internal static class PeopleRules
{
    /// <summary>The task operations (<c>claim</c>, <c>send-back</c>…); kept in step with <c>Runtime.TaskOperations.All</c>.</summary>
    internal static readonly string[] Operations =
        ["claim", "release", "assign", "transfer", "delegate", "resolve", "add-signer", "remove-signer", "send-back", "recall", "urge", "copy", "mark-read"];

    public static void Check(ValidationRun run)
    {
        var any = false;
        foreach (var region in run.Regions)
        {
            foreach (var state in region.States.Where(s => s.Task is not null))
            {
                any = true;
                foreach (var department in Departments(run, region, state))
                {
                    CheckTask(run, region, state, state.Task!, department);
                }
            }
        }

        if (any)
        {
            foreach (var t in run.Regions.SelectMany(r => r.States).SelectMany(s => s.Transitions).Where(t => Operations.Contains(t.Event)))
            {
                run.Error(ValidationCodes.EventNamedLikeOperation,
                    $"the event '{t.Event}' has the name of a task operation; an item with personal tasks cannot declare it",
                    t.At,
                    $"rename the event, e.g. '{t.Event}-step'");
            }
        }
    }

    /// <summary>The departments a task's step belongs to: the main state's, the branch's, or every branch using the fragment.</summary>
    private static IReadOnlyList<string?> Departments(ValidationRun run, Region region, StateDefinition state)
    {
        var branches = run.Item.States.Where(s => s.Parallel is not null).SelectMany(s => s.Parallel!.Branches);
        return region.Kind switch
        {
            RegionKind.MainFlow => [state.Department],
            RegionKind.Branch => [.. branches.Where(b => b.Name == region.Name && b.States.Count > 0).Select(b => (string?)b.Department).Take(1)],
            _ => [.. branches.Where(b => b.Use == region.Name).Select(b => (string?)b.Department).Distinct()],
        };
    }

    private static void CheckTask(ValidationRun run, Region region, StateDefinition state, TaskRule task, string? departmentId)
    {
        if (departmentId is null)
        {
            run.Error(ValidationCodes.TaskWithoutDepartment,
                $"state '{state.Name}' has a task but no department; a task belongs to a department's people",
                task.At,
                $"add 'department: <department id>' to the state");
            return;
        }

        var department = run.Context.Organization.Departments.FirstOrDefault(d => d.Id == departmentId);
        if (task.Position is null && task.Person is null && task.PersonFrom is null && task.SameAs is null && task.Signers.Count == 0)
        {
            run.Error(ValidationCodes.TaskWithoutWho,
                $"the task of state '{state.Name}' names nobody: write position, person, personFrom, sameAs or signers",
                task.At,
                $"add e.g. 'position: handler'");
        }

        if (department is not null)
        {
            CheckPosition(run, state, task.Position, department, run.ValueAt(task, "position"));
            if (task.Person is { } person)
            {
                CheckPerson(run, state, person, department, run.ValueAt(task, "person"));
            }

            foreach (var slot in task.Signers)
            {
                if (slot.StartsWith("person:", StringComparison.Ordinal))
                {
                    CheckPerson(run, state, slot["person:".Length..], department, run.ValueAt(task, "signers"));
                }
                else
                {
                    CheckPosition(run, state, slot, department, run.ValueAt(task, "signers"));
                }
            }
        }

        foreach (var (key, step) in new[] { ("sameAs", task.SameAs), ("notSameAs", task.NotSameAs) })
        {
            if (step is not null && region.Find(step) is not { Task: not null })
            {
                run.Error(ValidationCodes.UnknownTaskStep,
                    $"'{key}: {step}' on state '{state.Name}' names no step with a task in {region.Describe()}",
                    run.ValueAt(task, key),
                    $"name a state of {region.Describe()} that has 'task:'");
            }
        }

        foreach (var step in task.Returns)
        {
            if (region.Find(step) is null || step == state.Name)
            {
                run.Error(ValidationCodes.UnknownTaskStep,
                    $"'returns' of state '{state.Name}' names '{step}', which is not another state of {region.Describe()}",
                    run.ValueAt(task, "returns"),
                    $"name an earlier state of {region.Describe()}, or write 'returns: any'");
            }
        }

        CheckSigning(run, state, task);
    }

    private static void CheckSigning(ValidationRun run, StateDefinition state, TaskRule task)
    {
        if (task.Signing == SigningMode.Single)
        {
            if (task.Signers.Count > 0 || task.PassCount is not null || task.PassRatio is not null)
            {
                run.Error(ValidationCodes.SigningRule,
                    $"the task of state '{state.Name}' lists signers or a pass rule but no signing mode",
                    task.At,
                    $"add 'signing: all', 'any', 'sequential' or 'vote'");
            }

            return;
        }

        if (task.Signers.Count == 0)
        {
            run.Error(ValidationCodes.SigningRule,
                $"the task of state '{state.Name}' signs by several people but lists no signers",
                task.At,
                $"add e.g. 'signers: [office-a, office-b, office-c]'");
        }

        if (task.Signing == SigningMode.Vote)
        {
            if (task.PassCount is null && task.PassRatio is null)
            {
                run.Error(ValidationCodes.SigningRule, $"the vote of state '{state.Name}' has no pass rule", task.At, $"add e.g. 'pass: 2' or 'pass: 67%'");
            }
            else if (task.PassCount is { } count && count > task.Signers.Count && task.Signers.Count > 0)
            {
                run.Error(ValidationCodes.SigningRule,
                    $"the vote of state '{state.Name}' needs {count} agreeing signers but has only {task.Signers.Count}",
                    run.ValueAt(task, "pass"),
                    $"lower 'pass' or add signers");
            }
        }
        else if (task.PassCount is not null || task.PassRatio is not null)
        {
            run.Error(ValidationCodes.SigningRule, $"'pass' on state '{state.Name}' applies to 'signing: vote' only", run.ValueAt(task, "pass"), $"remove 'pass'");
        }

        foreach (var (key, name) in new[] { ("approve", task.Approve), ("refuse", task.Refuse) })
        {
            if (!state.Transitions.Any(t => t.Event == name))
            {
                run.Error(ValidationCodes.SigningRule,
                    $"the signers of state '{state.Name}' {key} with the event '{name}', which the state does not declare",
                    run.ValueAt(task, key),
                    $"declare '{name}' under 'on:', or name the event with '{key}:'");
            }
        }
    }

    private static void CheckPosition(ValidationRun run, StateDefinition state, string? position, DepartmentDefinition department, Diagnostics.SourceLocation at)
    {
        if (position is null || department.Position(position) is not null)
        {
            return;
        }

        run.Error(ValidationCodes.UnknownPosition,
            $"state '{state.Name}' names the position '{position}', which department '{department.Id}' does not declare",
            at,
            $"declare it under the department's 'positions:' in organization.yaml, or use one of: {string.Join(", ", department.Positions.Select(p => p.Id))}");
    }

    private static void CheckPerson(ValidationRun run, StateDefinition state, string person, DepartmentDefinition department, Diagnostics.SourceLocation at)
    {
        if (department.People.Count == 0 || department.Person(person) is not null)
        {
            return;
        }

        run.Error(ValidationCodes.UnknownPerson,
            $"state '{state.Name}' names the person '{person}', who is not among the people of department '{department.Id}'",
            at,
            $"list the person under the department's 'people:' in organization.yaml");
    }
}
