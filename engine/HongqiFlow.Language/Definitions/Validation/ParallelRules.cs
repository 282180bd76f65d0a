using HongqiFlow.Diagnostics;
using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Definitions.Validation;

/// <summary>A parallel state (并联审批) must have branches, a join that can be met, and somewhere to go when done.</summary>
internal static class ParallelRules
{
    public static void Check(ValidationRun run)
    {
        foreach (var state in run.Item.States.Where(s => s.Parallel is not null))
        {
            CheckParallel(run, state, state.Parallel!);
        }

        foreach (var region in run.Regions.Where(r => r.IsBranchBody))
        {
            foreach (var nested in region.States.Where(s => s.Parallel is not null))
            {
                run.Error(
                    ValidationCodes.NestedParallel,
                    $"state '{nested.Name}' of {region.Describe()} is a parallel state; branches cannot contain parallel states",
                    run.ValueAt(nested, "parallel"),
                    $"model the extra departments as further branches of the enclosing parallel state");
            }
        }

        var used = run.Item.States
            .Where(s => s.Parallel is not null)
            .SelectMany(s => s.Parallel!.Branches)
            .Select(b => b.Use)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var fragment in run.Item.Fragments.Where(f => !used.Contains(f.Name)))
        {
            run.Warning(
                ValidationCodes.UnusedFragment,
                $"fragment '{fragment.Name}' is not used by any branch",
                fragment.At,
                $"use it in a branch ('use: {fragment.Name}'), or remove it");
        }

        foreach (var fragment in run.Item.Fragments)
        {
            CheckApprovedFinal(run, fragment.States, fragment.At, $"fragment '{fragment.Name}'");
        }
    }

    private static void CheckParallel(ValidationRun run, StateDefinition state, ParallelDefinition parallel)
    {
        var branches = parallel.Branches;
        if (branches.IsEmpty)
        {
            run.Error(
                ValidationCodes.ParallelWithoutBranches,
                $"parallel state '{state.Name}' has no branches, so no department reviews anything",
                run.ValueAt(state, "parallel"),
                $"add a branch per department under 'branches:'");
        }

        if (state.OnDone is null)
        {
            run.Error(
                ValidationCodes.ParallelWithoutOnDone,
                $"parallel state '{state.Name}' has no 'onDone', so nothing says where the case goes once the branches agree",
                state.At,
                $"add 'onDone: <next state>' to the state");
        }

        if (parallel.Join.Kind == JoinKind.AtLeast && !branches.IsEmpty && (parallel.Join.Count < 1 || parallel.Join.Count > branches.Count))
        {
            var joinAt = parallel.Join.At.IsKnown ? parallel.Join.At : run.ValueAt(parallel, "join");
            run.Error(
                ValidationCodes.JoinNeverSatisfied,
                parallel.Join.Count < 1
                    ? (FormattableString)$"the join of '{state.Name}' asks for at least {parallel.Join.Count} approvals; it must ask for at least 1"
                    : $"the join of '{state.Name}' asks for at least {parallel.Join.Count} approvals but there are only {branches.Count} branches, so it can never be satisfied",
                joinAt,
                $"use a number from 1 to {branches.Count}, or 'all'");
        }

        if (parallel.OnReject.Kind == RefusalKind.End && string.IsNullOrEmpty(parallel.OnReject.Target))
        {
            run.Error(
                ValidationCodes.RefusalWithoutTarget,
                $"parallel state '{state.Name}' does not say where the case goes when a refusal makes the join impossible",
                run.ValueAt(state, "parallel"),
                $"add 'onReject: <final state such as rejected>' or 'onReject: suspend'");
        }

        foreach (var branch in branches)
        {
            CheckBranch(run, state, branch);
        }

        CheckEventClash(run, state, parallel);
    }

    private static void CheckBranch(ValidationRun run, StateDefinition state, BranchDefinition branch)
    {
        if (string.IsNullOrWhiteSpace(branch.Department))
        {
            run.Error(
                ValidationCodes.BranchWithoutDepartment,
                $"branch '{branch.Name}' of '{state.Name}' has no department; every branch is one department's review",
                branch.At,
                $"add 'department: <id>' from organization.yaml");
        }

        var hasStates = !branch.States.IsEmpty;
        if (branch.Use is not null && hasStates)
        {
            run.Error(
                ValidationCodes.BranchBodyAmbiguous,
                $"branch '{branch.Name}' has both 'use: {branch.Use}' and its own states; it can only have one body",
                branch.At,
                $"keep either 'use:' or 'states:'");
        }
        else if (branch.Use is null && !hasStates)
        {
            run.Error(
                ValidationCodes.BranchBodyAmbiguous,
                $"branch '{branch.Name}' has no body: neither 'use:' nor 'states:'",
                branch.At,
                run.Item.Fragments.IsEmpty ? (FormattableString)$"add 'states:' with the branch's steps" : $"add 'use: {run.Item.Fragments[0].Name}' or 'states:'");
        }

        if (branch.Use is { } use && run.Item.Fragments.All(f => f.Name != use))
        {
            run.Error(
                ValidationCodes.UnknownFragment,
                $"branch '{branch.Name}' uses fragment '{use}', which is not declared under 'fragments:'",
                run.ValueAt(branch, "use"),
                Suggestions.FixText(use, run.Item.Fragments.Select(f => f.Name), $"fragment"));
        }

        if (hasStates)
        {
            CheckApprovedFinal(run, branch.States, branch.At, $"branch '{branch.Name}'");
        }
    }

    private static void CheckApprovedFinal(ValidationRun run, ValueList<StateDefinition> states, Diagnostics.SourceLocation at, FormattableString what)
    {
        if (states.Count > 0 && !states.Any(s => s.Final && s.Outcome == "approved"))
        {
            run.Error(
                ValidationCodes.BranchNeverApproves,
                $"{what} has no final state with 'outcome: approved', so the join can never count it as approving",
                at,
                $"mark the approving final state with 'outcome: approved'");
        }
    }

    private static void CheckEventClash(ValidationRun run, StateDefinition state, ParallelDefinition parallel)
    {
        var branchEvents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var branch in parallel.Branches)
        {
            var body = branch.States.IsEmpty
                ? run.Item.Fragments.FirstOrDefault(f => f.Name == branch.Use)?.States ?? ValueList<StateDefinition>.Empty
                : branch.States;
            foreach (var transition in body.SelectMany(s => s.Transitions))
            {
                branchEvents.TryAdd(transition.Event, branch.Name);
            }
        }

        foreach (var transition in state.Transitions.Where(t => branchEvents.ContainsKey(t.Event)))
        {
            run.Error(
                ValidationCodes.EventNameClash,
                $"event '{transition.Event}' of parallel state '{state.Name}' has the same name as an event of branch '{branchEvents[transition.Event]}', so sending it is ambiguous",
                transition.At,
                $"rename the event of '{state.Name}', e.g. '{transition.Event}-all'");
        }
    }
}
