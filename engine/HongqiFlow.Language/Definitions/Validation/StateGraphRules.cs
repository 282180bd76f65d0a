using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Validation;

/// <summary>Each region is a state machine: its targets exist, it has one start, every state is reachable and it can finish.</summary>
internal static class StateGraphRules
{
    public static readonly string[] Outcomes = ["approved", "rejected", "terminated", "revoked", "not-accepted", "withdrawn", "returned"];

    public static void Check(ValidationRun run)
    {
        foreach (var region in run.Regions)
        {
            CheckDuplicates(run, region);
            CheckTargets(run, region);
            CheckInitial(run, region);
            CheckStates(run, region);
            CheckReachability(run, region);
        }

        CheckItemLevelTargets(run);
    }

    private static void CheckDuplicates(ValidationRun run, Region region)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in region.States.Where(s => !seen.Add(s.Name)))
        {
            run.Error(
                ValidationCodes.DuplicateStateName,
                $"state '{state.Name}' is declared twice in {region.Describe()}",
                state.At,
                $"give each state of one flow its own name");
        }
    }

    private static void CheckTargets(ValidationRun run, Region region)
    {
        foreach (var state in region.States)
        {
            foreach (var transition in state.Transitions.Where(t => t.Target is not null))
            {
                CheckTarget(run, region, transition.Target!, run.ValueAt(transition, "to", string.Empty), $"event '{transition.Event}' of state '{state.Name}'");
            }

            foreach (var timer in state.Timers)
            {
                CheckTarget(run, region, timer.Target, run.ValueAt(timer, string.Empty), $"the {timer.After} timer of state '{state.Name}'");
            }

            if (state.OnDone is not null)
            {
                CheckTarget(run, region, state.OnDone, run.ValueAt(state, "onDone"), $"onDone of state '{state.Name}'");
            }

            if (state.Parallel?.OnReject is { Kind: RefusalKind.End, Target: { } refusal } policy)
            {
                CheckTarget(run, region, refusal, policy.At.IsKnown ? policy.At : run.ValueAt(state.Parallel, "onReject"), $"onReject of state '{state.Name}'");
            }
        }
    }

    private static void CheckItemLevelTargets(ValidationRun run)
    {
        var item = run.Item;
        if (item.Tolerance is { } tolerance)
        {
            CheckTarget(run, run.MainFlow, tolerance.OnBreach, run.ValueAt(tolerance, "onBreach"), $"tolerance.onBreach");
        }

        if (item.Commitment is { } commitment)
        {
            CheckTarget(run, run.MainFlow, commitment.OnFalse, run.ValueAt(commitment, "onFalse"), $"commitment.onFalse");
        }

        foreach (var obligation in item.Obligations.Where(o => o.OnBreach is not null))
        {
            CheckTarget(run, run.MainFlow, obligation.OnBreach!, run.ValueAt(obligation, "onBreach"), $"onBreach of obligation '{obligation.Id}'");
        }
    }

    private static void CheckTarget(ValidationRun run, Region region, string target, SourceLocation at, FormattableString what)
    {
        if (region.Find(target) is not null)
        {
            return;
        }

        var elsewhere = run.Regions.Where(r => r != region && r.Find(target) is not null).Select(r => r.Describe()).FirstOrDefault();
        var message = elsewhere is null
            ? (FormattableString)$"{what} goes to '{target}', which is not a state of {region.Describe()}"
            : $"{what} goes to '{target}', which is a state of {elsewhere}, not of {region.Describe()}; a flow can only move between its own states";
        run.Error(ValidationCodes.UnknownTarget, message, at, Suggestions.FixText(target, region.StateNames, $"state"));
    }

    private static void CheckInitial(ValidationRun run, Region region)
    {
        var initial = region.States.Where(s => s.Initial).ToList();
        if (initial.Count == 0 && region.States.Count > 0)
        {
            run.Error(
                ValidationCodes.NoInitialState,
                $"{region.Describe()} has no initial state, so nothing says where a case starts",
                region.Kind == RegionKind.MainFlow ? run.ValueAt(run.Item, "states") : region.At,
                $"add 'initial: true' to the first state ('{region.States[0].Name}')");
        }

        foreach (var extra in initial.Skip(1))
        {
            run.Error(
                ValidationCodes.SeveralInitialStates,
                $"{region.Describe()} has more than one initial state: '{initial[0].Name}' and '{extra.Name}'",
                run.ValueAt(extra, "initial"),
                $"keep 'initial: true' on one state only");
        }
    }

    private static void CheckStates(ValidationRun run, Region region)
    {
        foreach (var state in region.States)
        {
            if (state.Final && (state.Transitions.Any(t => t.Target is not null) || !state.Timers.IsEmpty || state.Parallel is not null))
            {
                run.Error(
                    ValidationCodes.FinalStateWithExits,
                    $"final state '{state.Name}' has transitions, timers or branches, but a finished case never leaves it",
                    state.At,
                    $"remove 'final: true', or remove the transitions");
            }

            if (!state.Final && state.Parallel is null && state.Timers.IsEmpty && !state.Transitions.Any(t => t.Target is not null))
            {
                run.Error(
                    ValidationCodes.DeadEndState,
                    $"state '{state.Name}' is not final but has no way out (no transition with 'to', no timer): a case entering it is stuck",
                    state.At,
                    $"add a transition or a timer, or mark it 'final: true' with an outcome");
            }

            if (state.Outcome is { } outcome)
            {
                var at = run.ValueAt(state, "outcome");
                if (!state.Final)
                {
                    run.Error(
                        ValidationCodes.OutcomeOnNonFinalState,
                        $"state '{state.Name}' has an outcome but is not final; only a finished case has an outcome",
                        at,
                        $"add 'final: true', or remove the outcome");
                }

                if (!Outcomes.Contains(outcome))
                {
                    run.Error(
                        ValidationCodes.UnknownOutcome,
                        $"'{outcome}' is not an outcome",
                        at,
                        Suggestions.FixText(outcome, Outcomes, $"outcome"));
                }
            }
        }
    }

    private static void CheckReachability(ValidationRun run, Region region)
    {
        var initial = region.States.Where(s => s.Initial).ToList();
        if (initial.Count == 0)
        {
            return;
        }

        var reached = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(initial.Select(s => s.Name));
        if (region.Kind == RegionKind.MainFlow)
        {
            // Breaches and failed verifications move a case from wherever it is, even out of a finished state.
            foreach (var root in GlobalTargets(run.Item))
            {
                queue.Enqueue(root);
            }
        }

        while (queue.TryDequeue(out var name))
        {
            if (!reached.Add(name) || region.Find(name) is not { } state)
            {
                continue;
            }

            foreach (var next in Exits(state))
            {
                queue.Enqueue(next);
            }
        }

        foreach (var state in region.States.Where(s => !reached.Contains(s.Name)))
        {
            run.Warning(
                ValidationCodes.UnreachableState,
                $"state '{state.Name}' of {region.Describe()} can never be entered: no transition, timer or rule leads to it",
                state.At,
                $"add a transition to it, or remove it");
        }

        if (!region.States.Any(s => s.Final && reached.Contains(s.Name)))
        {
            var hasFinal = region.States.Any(s => s.Final);
            run.Error(
                ValidationCodes.NoFinalStateReachable,
                hasFinal
                    ? (FormattableString)$"no final state of {region.Describe()} can be reached from its initial state '{initial[0].Name}': a case could never finish"
                    : $"{region.Describe()} has no final state: a case could never finish",
                initial[0].At,
                hasFinal ? (FormattableString)$"add a transition that leads to a final state" : $"add a state with 'final: true' and an outcome, and a transition to it");
        }
    }

    private static IEnumerable<string> GlobalTargets(ServiceItemDefinition item)
    {
        if (item.Tolerance is { } tolerance)
        {
            yield return tolerance.OnBreach;
        }

        if (item.Commitment is { } commitment)
        {
            yield return commitment.OnFalse;
        }

        foreach (var obligation in item.Obligations.Where(o => o.OnBreach is not null))
        {
            yield return obligation.OnBreach!;
        }
    }

    private static IEnumerable<string> Exits(StateDefinition state)
    {
        foreach (var transition in state.Transitions.Where(t => t.Target is not null))
        {
            yield return transition.Target!;
        }

        foreach (var timer in state.Timers)
        {
            yield return timer.Target;
        }

        if (state.OnDone is not null)
        {
            yield return state.OnDone;
        }

        if (state.Parallel?.OnReject is { Kind: RefusalKind.End, Target: { } refusal })
        {
            yield return refusal;
        }
    }
}
