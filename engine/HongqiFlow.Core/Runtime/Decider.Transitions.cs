using System.Globalization;
using System.Runtime.InteropServices;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Messages;
using HongqiFlow.Time;

namespace HongqiFlow.Runtime;

/// <summary>Definition events: finding the region, roles, built-in rules, guards, moving, joins and automatic steps.</summary>
internal sealed partial class Decider
{
    // ---- definition events ---------------------------------------------------------------------------------

    private Rejection? DefinitionEvent()
    {
        var name = _command.Event;
        if (!_definition.DeclaresEvent(name))
        {
            return Reject(RejectionCodes.UnknownEvent, null, ("event", name));
        }

        var candidates = new List<(CompiledRegion Region, RegionState At, TransitionDefinition[] Row)>();
        foreach (var r in Current.Regions)
        {
            if (_command.Branch is { } branch && r.Branch != branch)
            {
                continue;
            }

            var region = _definition.Region(r.Region)!;
            if (region.Row(r.State, name) is { } written)
            {
                candidates.Add((region, r, written));
            }
        }

        if (candidates.Count == 0)
        {
            return NotApplicable(name);
        }

        // One candidate is the rule; the list of allowed ones is only made when there are several.
        var allowedCount = 0;
        var chosen = candidates[0];
        foreach (var c in candidates)
        {
            if (Allows(c.Region, c.At.State, c.Row) && allowedCount++ == 0)
            {
                chosen = c;
            }
        }

        if (allowedCount == 0)
        {
            var c = candidates[0];
            if (!c.Region.IsMain && _actor.Role is ActorRole.Department or ActorRole.Lead)
            {
                return Reject(RejectionCodes.OtherDepartmentsBranch, null,
                    ("branch", new Localized(Title(c.Region), c.Region.Branch!.Name)), ("department", Department(c.Region.Branch.Department)), ("actorDepartment", Department(_actor.Department)));
            }

            return Reject(RejectionCodes.RoleNotAllowed, null, ("event", name), ("allowed", Roles.Describe(c.Region, c.Row[0])), ("actor", _actor.RoleText));
        }

        if (allowedCount > 1)
        {
            var allowed = candidates.Where(c => Allows(c.Region, c.At.State, c.Row)).ToList();
            return Reject(RejectionCodes.AmbiguousBranch, null, ("event", name), ("branches", allowed.Select(a => a.Region.Branch?.Name ?? a.Region.Name).ToList()));
        }

        var (target, at, row) = chosen;
        var transition = row[0];
        if (_definition.HasTasks)
        {
            if (TaskGate(target, at, row, out var recordedOnly) is { } personRefused)
            {
                return personRefused;
            }

            if (recordedOnly)
            {
                return null;
            }
        }

        // A notice's payload lists what is missing; any other event's lists what is handed in with it, before the
        // transition is decided, so its guard sees them (e.g. accept once missing is empty).
        if (transition.Notice == NoticeKind.None && _actor.Role is ActorRole.Applicant or ActorRole.Window
            && _command.Payload.GetStrings("materials") is { Count: > 0 } handedIn)
        {
            if (HandIn(CaseEventTypes.MaterialsSubmitted, handedIn, idempotent: false) is { } refused)
            {
                return refused;
            }
        }

        if (row.Length > 1)
        {
            return FireFirstThatHolds(target, at, row);
        }

        return Fire(target, at, transition, _command.Payload, checkGuard: true);
    }

    /// <summary>The actor may send the transition, or (for an event written as a list) one of its alternatives.</summary>
    private bool Allows(CompiledRegion region, string state, TransitionDefinition[] row) =>
        Roles.Allows(_definition, region, state, row[0], _actor)
        || (row.Length > 1 && row.Any(t => Roles.Allows(_definition, region, state, t, _actor)));

    /// <summary>
    /// An event written as a list of transitions: the first whose guard holds wins, in the order written — the region's
    /// reference semantics on Stateless (<see cref="RegionMachine"/>), resolved through the table derived from it.
    /// </summary>
    private Rejection? FireFirstThatHolds(CompiledRegion region, RegionState at, TransitionDefinition[] alternatives)
    {
        var name = _command.Event;
        var chosen = region.Resolve(at.State, name, when => EvaluateGuard(when, region, at.State, _command.Payload));
        if (chosen is null)
        {
            var codes = string.Join(" / ", alternatives.Select(t => t.When?.Code));
            return RejectAt(alternatives[0].When?.At, RejectionCodes.GuardFalse, "any", ("event", name), ("conditions", codes), ("missing", MissingMaterials()));
        }

        if (!Roles.Allows(_definition, region, at.State, chosen, _actor))
        {
            return Reject(RejectionCodes.RoleNotAllowed, "to",
                ("event", name), ("target", new Localized(Title(region, chosen.Target ?? at.State), chosen.Target ?? at.State)), ("allowed", Roles.Describe(region, chosen)), ("actor", _actor.RoleText));
        }

        return Fire(region, at, chosen, _command.Payload, checkGuard: false);
    }

    private Rejection NotApplicable(string name)
    {
        if (Current.Outcome is { } outcome)
        {
            return Reject(RejectionCodes.CaseFinal, null, ("outcome", outcome), ("event", name));
        }

        var branchRegion = _definition.Regions.FirstOrDefault(r => !r.IsMain
            && (_command.Branch is null || r.Branch!.Name == _command.Branch)
            && r.StateList.Any(s => s.Transitions.Any(t => t.Event == name)));
        if (branchRegion is not null)
        {
            var active = Current.Region(branchRegion.Name);
            if (active is null)
            {
                return Reject(RejectionCodes.BranchClosed, null, ("parallel", branchRegion.ParallelState), ("branch", branchRegion.Branch!.Name), ("event", name));
            }

            return Reject(RejectionCodes.NotPermittedInState, "branch",
                ("branch", branchRegion.Branch!.Name), ("state", new Localized(Title(branchRegion, active.State), active.State)), ("event", name));
        }

        return Reject(RejectionCodes.NotPermittedInState, null,
            ("state", new Localized(Title(_definition.Main, Current.MainState), Current.MainState)), ("event", name));
    }

    private Rejection? Fire(CompiledRegion region, RegionState at, TransitionDefinition transition, ValueMap payload, bool checkGuard)
    {
        var target = transition.Target is { } t && t != at.State ? t : null;
        if (target is not null && region.IsMain && region.State(target) is { Final: true, Outcome: "approved" } && OpenObligationNow(Obligation.SupplementId) is { } open)
        {
            return Reject(RejectionCodes.IssueBlockedBySupplement, null, ("materials", Materials(open.Materials)));
        }

        List<string>? tolerated = null;
        List<string>? committed = null;
        if (transition.Tolerance && transition.Commitment)
        {
            if (CheckToleranceWithCommitment(payload, out tolerated, out committed) is { } bothRejection)
            {
                return bothRejection;
            }
        }
        else if (transition.Tolerance && CheckTolerance(out tolerated) is { } toleranceRejection)
        {
            return toleranceRejection;
        }
        else if (transition.Commitment && CheckCommitment(out committed) is { } commitmentRejection)
        {
            return commitmentRejection;
        }

        if (checkGuard && transition.When is { } when && !EvaluateGuard(when, region, at.State, payload))
        {
            return RejectAt(when.At, RejectionCodes.GuardFalse, null, ("event", transition.Event), ("condition", when.Code), ("missing", MissingMaterials()));
        }

        var notice = transition.Notice != NoticeKind.None ? NoticeMaterials(payload) : null;
        var openTask = target is not null && _definition.HasTasks ? Current.People?.Task(region.Name) : null;
        Move(region, target, transition.Event, payload, idempotent: true);
        if (target is not null && _definition.HasTasks)
        {
            CompleteTask(region, at.State, transition.Event, openTask);
        }

        if (tolerated is { Count: > 0 })
        {
            var rule = _definition.Definition.Tolerance!;
            Emit(CaseEventTypes.MaterialsTolerated, data: ValueMap.Of(("materials", tolerated)));
            OpenObligation(Obligation.SupplementId, ObligationKind.Supplement, rule.SupplementWithin, ValueMap.Of(("materials", tolerated)));
        }

        if (committed is not null)
        {
            var rule = _definition.Definition.Commitment!;
            if (committed.Count > 0)
            {
                Emit(CaseEventTypes.MaterialsCommitted, data: ValueMap.Of(("materials", committed)));
            }

            OpenObligation(Obligation.VerificationId, ObligationKind.Verification, rule.VerifyWithin, ValueMap.Of(("materials", committed)));
        }

        if (notice is not null)
        {
            GiveNotice(transition.Notice, notice);
        }

        foreach (var id in transition.Opens)
        {
            OpenCustomObligation(id);
        }

        foreach (var id in transition.Fulfils)
        {
            if (Current.OpenObligation(id) is not null)
            {
                Emit(CaseEventTypes.ObligationFulfilled, data: ValueMap.Of(("id", id)));
                NotifyObligation(id, "fulfilled");
            }
        }

        Notify(NotificationTriggerKind.Event, transition.Event);
        if (target is not null)
        {
            Enter(region, target, at.State);
        }

        return null;
    }

    private Rejection? CheckTolerance(out List<string> tolerated)
    {
        tolerated = [.. Current.Materials.Missing];
        if (_definition.Definition.Tolerance is not { } rule)
        {
            return Reject(RejectionCodes.ToleranceNotAllowed);
        }

        if (rule.ExcludeBadCredit && Current.Applicant?.BadCredit == true)
        {
            return Reject(RejectionCodes.ToleranceBadCredit);
        }

        if (tolerated.Count == 0)
        {
            return Reject(RejectionCodes.ToleranceNothingMissing);
        }

        var notTolerable = tolerated.Where(id => _definition.Material(id) is not { Tolerable: true, Core: false }).ToList();
        if (notTolerable.Count > 0)
        {
            return Reject(RejectionCodes.ToleranceMaterialNotTolerable, null, ("materials", Materials(notTolerable)));
        }

        if (tolerated.Count > rule.MaxMissing)
        {
            return Reject(RejectionCodes.ToleranceTooManyMissing, null, ("count", tolerated.Count), ("materials", Materials(tolerated)), ("max", rule.MaxMissing));
        }

        return null;
    }

    private Rejection? CheckCommitment(out List<string> committed)
    {
        committed = [.. Current.Materials.Missing];
        if (_definition.Definition.Commitment is not { } rule)
        {
            return Reject(RejectionCodes.CommitmentNotAllowed);
        }

        if (rule.ExcludeFalsePledgeHistory && Current.Applicant?.FalsePledge == true)
        {
            return Reject(RejectionCodes.CommitmentFalsePledge);
        }

        var notCommittable = committed.Where(id => _definition.Material(id) is not { Committable: true, Core: false }).ToList();
        if (notCommittable.Count > 0)
        {
            return Reject(RejectionCodes.CommitmentMaterialNotCommittable, null, ("materials", Materials(notCommittable)));
        }

        return null;
    }

    private List<string> NoticeMaterials(ValueMap payload)
    {
        // The notice lists every missing material, whatever the clerk typed: 一次性告知 is complete by construction.
        var listed = payload.GetStrings("materials");
        return [.. Current.Materials.Missing.Concat(listed).Distinct(StringComparer.Ordinal)];
    }

    private void GiveNotice(NoticeKind kind, List<string> materials)
    {
        var first = !Current.NoticeGiven;
        Emit(CaseEventTypes.Notice, data: ValueMap.Of(("kind", kind == NoticeKind.OneTime ? "one-time" : "correction"), ("materials", materials)));
        if (!first || kind == NoticeKind.Correction)
        {
            var added = materials.Where(m => !Current.FirstNotice.Contains(m)).ToList();
            if (added.Count > 0)
            {
                Emit(CaseEventTypes.NoticeIncomplete, data: ValueMap.Of(("added", added), ("first", Current.FirstNotice)), flagged: true);
            }
        }
    }

    // ---- moving between states ------------------------------------------------------------------------------

    /// <summary>Emits <paramref name="type"/> with the regions after the move, then nothing else; entry effects are separate.</summary>
    private void Move(CompiledRegion region, string? target, string type, ValueMap data, bool idempotent = false)
    {
        var regions = target is null ? CurrentRegions : MovedRegions(region, target);
        Emit(type, data: data, region: region.Name, regions: regions, idempotent: idempotent);
    }

    private ValueList<RegionState> MovedRegions(CompiledRegion region, string target)
    {
        if (!region.IsMain)
        {
            return MovedBranch(region.Name, target);
        }

        if (_definition.Parallel(target) is null)
        {
            return new(ImmutableCollectionsMarshal.AsImmutableArray(new[] { new RegionState(RegionState.Main, target, _now) }));
        }

        var list = new List<RegionState> { new(RegionState.Main, target, _now) };
        foreach (var branch in _definition.Regions)
        {
            if (branch.ParallelState == target)
            {
                list.Add(new RegionState(branch.Name, branch.InitialState, _now));
            }
        }

        return new(list);
    }

    private void EnterBranches(string parallelState)
    {
        foreach (var branchRegion in _definition.Regions)
        {
            if (branchRegion.ParallelState != parallelState)
            {
                continue;
            }

            if (branchRegion.Branch!.Limit is { } branchLimit)
            {
                SetTimer(TimerKind.BranchWarning, branchRegion.Name, null, DueAt(_now, branchLimit, WarnAt), null);
                SetTimer(TimerKind.BranchLimit, branchRegion.Name, null, DueAt(_now, branchLimit), null);
            }

            Enter(branchRegion, branchRegion.InitialState, null);
        }
    }

    // Apart from MovedRegions, so the main-flow path allocates no closure for a lambda it does not run.
    private ValueList<RegionState> MovedBranch(string branch, string target) =>
        new(Current.Regions.Select(r => r.Region == branch ? new RegionState(r.Region, target, _now) : r));

    private void Enter(CompiledRegion region, string stateName, string? from)
    {
        var state = region.State(stateName);
        if (region.IsMain)
        {
            ClockOnEnter(state, from);
        }
        else
        {
            BranchClockOnEnter(region, state);
        }

        if (state.Task is { } task && _definition.HasTasks)
        {
            CreateTask(region, state, task, from);
        }

        foreach (var timer in state.Timers)
        {
            SetTimer(TimerKind.After, region.Name, stateName, DueAt(_now, timer.After), timer.Target);
        }

        if (state.Limit is { } limit)
        {
            SetTimer(TimerKind.StepWarning, region.Name, stateName, DueAt(_now, limit, WarnAt), null);
            SetTimer(TimerKind.StepLimit, region.Name, stateName, DueAt(_now, limit), null);
        }

        foreach (var id in state.Opens)
        {
            OpenCustomObligation(id);
        }

        foreach (var source in state.Fetch)
        {
            Emit(CaseEventTypes.FetchRequested, region: region.Name, data: ValueMap.Of(("source", source)));
        }

        if (region.IsMain)
        {
            Notify(NotificationTriggerKind.EnterState, stateName);
            if (state.Final && _definition.Definition.Rating.DefaultAfter is { } after && !Rated(CaseRating.Stages.Finished))
            {
                SetTimer(TimerKind.RatingDefault, DueTimerRegions.Case, null, DueAt(_now, after), null);
            }

            if (state.Parallel is not null)
            {
                EnterBranches(stateName);
            }
        }
        else if (state.Final)
        {
            Join(region.ParallelState!);
        }
    }

    private void ClockOnEnter(StateDefinition state, string? from)
    {
        var clock = CurrentClock;
        switch (state.EffectiveClock)
        {
            case ClockMode.Running when !clock.Started:
                // Starting the clock and arming its deadlines reads nothing of the state: one fold for the run.
                Emit(CaseEventTypes.ClockStarted);
                ArmCaseClock();
                break;
            case ClockMode.Running when clock.Paused && !clock.Stopped && ResumesOnEntry(clock.OpenPause!, from):
                Emit(CaseEventTypes.ClockResumed, data: ValueMap.Of(("reason", clock.OpenPause!.Reason)));
                RearmParked(caseOnly: true);
                break;
            case ClockMode.WaitingApplicant when clock.Started && !clock.Paused && !clock.Stopped:
                Emit(CaseEventTypes.ClockPaused, data: ValueMap.Of(("reason", PauseInterval.WaitingApplicant)));
                break;
            case ClockMode.SpecialProcedure when clock.Started && !clock.Paused && !clock.Stopped:
                PauseForProcedure(state.PausedFor ?? state.Name, RegionState.Main);
                break;
            case ClockMode.Stopped when !clock.Stopped:
                Emit(CaseEventTypes.ClockStopped);
                break;
        }
    }

    private bool ResumesOnEntry(PauseInterval pause, string? from)
    {
        // A pause that a state caused ends when the case leaves that state; procedure-start pauses end with procedure-end.
        if (pause.Reason == PauseInterval.WaitingApplicant || OwnerLeft(pause))
        {
            return true;
        }

        return from is not null && _definition.Main.HasState(from) && _definition.Main.State(from).EffectiveClock == ClockMode.SpecialProcedure;
    }

    private void ArmCaseClock()
    {
        var item = _definition.Definition.Item;
        if (item.Kind == ItemKind.Instant)
        {
            var local = TimeZoneInfo.ConvertTime(_now, Calendar.TimeZone);
            var nextDay = local.Date.AddDays(1);
            var dayEnd = new DateTimeOffset(nextDay, Calendar.TimeZone.GetUtcOffset(nextDay));
            SetTimer(TimerKind.InstantDayEnd, DueTimerRegions.Case, null, dayEnd, null);
        }

        if (CaseLimit is { } limit)
        {
            SetTimer(TimerKind.CaseYellow, DueTimerRegions.Case, null, DueAt(_now, limit, WarnAt), null);
            SetTimer(TimerKind.CaseRed, DueTimerRegions.Case, null, DueAt(_now, limit), null);
        }

        ArmStatutory();
    }

    private Duration? CaseLimit => _definition.Definition.Item.TimeLimit is { } l ? l.Promised ?? l.Statutory : null;

    private decimal WarnAt => _definition.Definition.Item.TimeLimit?.WarnAt ?? 0.75m;

    private static Duration Scale(Duration d, decimal factor) => d with { Value = d.Value * factor };

    private void Join(string parallelState)
    {
        var parallel = _definition.Parallel(parallelState)!;
        var branches = Current.Regions.Where(r => _definition.Region(r.Region)?.ParallelState == parallelState).ToList();
        var approved = new List<string>();
        var refused = new List<string>();
        var pending = 0;
        foreach (var r in branches)
        {
            var s = _definition.Region(r.Region)!.State(r.State);
            if (!s.Final)
            {
                pending++;
            }
            else if (s.Outcome is null or "approved")
            {
                approved.Add(r.Branch!);
            }
            else
            {
                refused.Add(r.Branch!);
            }
        }

        var need = parallel.Join.Kind switch
        {
            JoinKind.All => branches.Count,
            JoinKind.Any => 1,
            _ => parallel.Join.Count,
        };
        if (approved.Count < need && approved.Count + pending >= need)
        {
            // Still undecided: the common case on every branch decision, kept free of allocations beyond the lists.
            return;
        }

        var data = ValueMap.Of(("join", parallel.Join.ToString()), ("approved", approved), ("refused", refused));
        var main = _definition.Main;
        if (approved.Count >= need)
        {
            var done = main.State(parallelState).OnDone ?? parallelState;
            Move(main, done, CaseEventTypes.Joined, data.With("result", "approved"));
            Enter(main, done, parallelState);
        }
        else
        {
            if (parallel.OnReject.Kind == RefusalKind.Suspend)
            {
                if (!Current.Suspended)
                {
                    Emit(CaseEventTypes.Suspended, region: RegionState.Main, data: data);
                    if (Current.Clock.Started && !Current.Clock.Paused && !Current.Clock.Stopped)
                    {
                        Emit(CaseEventTypes.ClockPaused, data: ValueMap.Of(("reason", PauseInterval.Suspended)));
                    }
                }

                return;
            }

            var target = parallel.OnReject.Target ?? parallelState;
            Move(main, target, CaseEventTypes.Joined, data.With("result", "rejected"));
            Enter(main, target, parallelState);
        }
    }

    // ---- automatic steps ------------------------------------------------------------------------------------

    private Rejection? RunAutomaticSteps()
    {
        var saved = _actor;
        _actor = Actor.System;
        try
        {
            for (var step = 0; step < MaxAutomaticSteps; step++)
            {
                var fired = false;
                foreach (var r in CurrentRegions)
                {
                    var region = _definition.Region(r.Region)!;
                    var state = region.State(r.State);
                    foreach (var t in state.Transitions)
                    {
                        if (!t.By.Contains("system") || t.Target is null || t.Target == r.State)
                        {
                            continue;
                        }

                        if (t.When is { } when && !EvaluateGuard(when, region, r.State, ValueMap.Empty, t.Event))
                        {
                            continue;
                        }

                        var rejection = Fire(region, r, t, ValueMap.Empty, checkGuard: false);
                        if (rejection is not null)
                        {
                            // An automatic step that a built-in rule forbids simply does not fire.
                            continue;
                        }

                        fired = true;
                        break;
                    }

                    if (fired)
                    {
                        break;
                    }
                }

                if (!fired)
                {
                    return null;
                }
            }

            return Reject(RejectionCodes.AutomaticStepCycle, null, ("max", MaxAutomaticSteps));
        }
        finally
        {
            _actor = saved;
        }
    }
}
