using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Time;

namespace HongqiFlow.Runtime;

/// <summary>
/// One decision. Folds each event into <see cref="_current"/> as soon as it is emitted, so later steps of the same
/// decision see its effects exactly as a replay would.
/// </summary>
internal sealed class Decider
{
    /// <summary>Bounds the automatic (<c>by: system</c>) steps one command may trigger, against cycles.</summary>
    internal const int MaxAutomaticSteps = 32;

    private readonly CompiledDefinition _definition;
    private readonly CaseState _original;
    private readonly Command _command;
    private readonly DateTimeOffset _now;
    private readonly List<CaseEvent> _events = [];
    private CaseState _current;
    private Actor _actor;

    public Decider(CompiledDefinition definition, CaseState state, Command command, DateTimeOffset now)
    {
        _definition = definition;
        _original = state;
        _current = state;
        _command = command;
        _now = now;
        _actor = command.Actor;
    }

    private IWorkingCalendar Calendar => _definition.Calendar;

    public Decision Run()
    {
        try
        {
            var rejection = Dispatch();
            if (rejection is not null)
            {
                return new Rejected(rejection);
            }

            rejection = RunAutomaticSteps();
            return rejection is not null ? new Rejected(rejection) : new Accepted(_events, _current);
        }
        catch (GuardFailure failure)
        {
            return new Rejected(failure.Rejection);
        }
    }

    private Rejection? Dispatch()
    {
        if (_command.Event == BuiltInEvents.Start)
        {
            return Start();
        }

        if (!_original.IsStarted)
        {
            return Reject(RejectionCodes.NotStarted, "办件尚未收件，请先收件（start）。", "The case has not been started; send start first.");
        }

        if (_original.DefinitionCode != _definition.Code || _original.DefinitionVersion != _definition.Version)
        {
            return Reject(RejectionCodes.WrongVersion,
                $"办件按 {_original.DefinitionCode} 第 {_original.DefinitionVersion} 版受理，不能按第 {_definition.Version} 版办理。",
                $"The case runs on {_original.DefinitionCode} version {_original.DefinitionVersion}, not {_definition.Code} version {_definition.Version}.");
        }

        if (_command.IdempotencyKey.Length > 0 && _original.ProcessedKeys.Contains(_command.IdempotencyKey))
        {
            return null;
        }

        return _command.Event switch
        {
            BuiltInEvents.Supplement => Supplement(),
            BuiltInEvents.Verify => Verify(),
            BuiltInEvents.ProcedureStart => ProcedureStart(),
            BuiltInEvents.ProcedureEnd => ProcedureEnd(),
            BuiltInEvents.Rate => Rate(),
            BuiltInEvents.Rectify or BuiltInEvents.Feedback => Rectification(),
            BuiltInEvents.ReopenBranches => ReopenBranches(),
            BuiltInEvents.DataShared => DataShared(),
            BuiltInEvents.Timer => Timer(),
            _ => DefinitionEvent(),
        };
    }

    // ---- start -------------------------------------------------------------------------------------------

    private Rejection? Start()
    {
        if (_original.IsStarted)
        {
            return Reject(RejectionCodes.AlreadyStarted, $"办件 {_original.Receipt} 已收件，不能重复收件。", $"Case {_original.Receipt} has already been started.");
        }

        if (_command.Start is not { } start)
        {
            return Reject(RejectionCodes.InvalidPayload, "收件缺少申请信息（案件编号、受理编号、申请人）。", "The start command carries no application (case id, receipt, applicant).");
        }

        var unknown = start.Submitted.Where(m => _definition.Material(m) is null).ToList();
        if (unknown.Count > 0)
        {
            return Reject(RejectionCodes.InvalidPayload, $"本事项没有材料：{string.Join("、", unknown)}。", $"The item has no material {string.Join(", ", unknown)}.");
        }

        var initial = _definition.Main.InitialState;
        Emit(CaseEventTypes.CaseStarted, regions: new ValueList<RegionState>([new RegionState(RegionState.Main, initial, _now)]), start: start, idempotent: true,
            data: ValueMap.Of(("definition", $"{_definition.Code}@{_definition.Version}")));
        Enter(_definition.Main, initial, from: null);
        return null;
    }

    // ---- definition events ---------------------------------------------------------------------------------

    private Rejection? DefinitionEvent()
    {
        var name = _command.Event;
        if (!_definition.DeclaresEvent(name))
        {
            return Reject(RejectionCodes.UnknownEvent, $"本事项没有“{name}”这一操作。", $"The item has no event '{name}'.");
        }

        var candidates = new List<(CompiledRegion Region, RegionState At, TransitionDefinition Transition)>();
        foreach (var r in _current.Regions)
        {
            if (_command.Branch is { } branch && r.Branch != branch)
            {
                continue;
            }

            var region = _definition.Region(r.Region)!;
            if (region.Transition(r.State, name) is { } t)
            {
                candidates.Add((region, r, t));
            }
        }

        if (candidates.Count == 0)
        {
            return NotApplicable(name);
        }

        var allowed = candidates.Where(c => Roles.Allows(_definition, c.Region, c.At.State, c.Transition, _actor)).ToList();
        if (allowed.Count == 0)
        {
            var c = candidates[0];
            if (!c.Region.IsMain && _actor.Role is ActorRole.Department or ActorRole.Lead)
            {
                return Reject(RejectionCodes.OtherDepartmentsBranch,
                    $"“{Title(c.Region)}”由{DepartmentName(c.Region.Branch!.Department)}办理，{DepartmentName(_actor.Department)}不能操作其他部门的分支。",
                    $"Branch '{c.Region.Branch.Name}' belongs to {c.Region.Branch.Department}; {_actor.Department} may act only on its own branch.");
            }

            return Reject(RejectionCodes.RoleNotAllowed,
                $"“{name}”只能由{string.Join("、", Roles.Describe(c.Region, c.Transition))}操作，当前操作人是{_actor.RoleText}。",
                $"'{name}' may be sent by {string.Join(", ", Roles.Describe(c.Region, c.Transition))} only, not by {_actor.RoleText}.");
        }

        if (allowed.Count > 1)
        {
            return Reject(RejectionCodes.AmbiguousBranch,
                $"“{name}”可用于多个分支（{string.Join("、", allowed.Select(a => a.Region.Branch?.Name ?? a.Region.Name))}），请指明分支。",
                $"'{name}' applies to several branches ({string.Join(", ", allowed.Select(a => a.Region.Branch?.Name ?? a.Region.Name))}); name the branch.");
        }

        var (target, at, transition) = allowed[0];
        return Fire(target, at, transition, _command.Payload, checkGuard: true);
    }

    private Rejection NotApplicable(string name)
    {
        if (_current.Outcome is { } outcome)
        {
            return Reject(RejectionCodes.CaseFinal, $"办件已办结（{outcome}），不能再“{name}”。", $"The case is finished ({outcome}); '{name}' is no longer possible.");
        }

        var branchRegion = _definition.Regions.FirstOrDefault(r => !r.IsMain
            && (_command.Branch is null || r.Branch!.Name == _command.Branch)
            && r.StateList.Any(s => s.Transitions.Any(t => t.Event == name)));
        if (branchRegion is not null)
        {
            var active = _current.Region(branchRegion.Name);
            if (active is null)
            {
                return Reject(RejectionCodes.BranchClosed,
                    $"“{branchRegion.ParallelState}”的并联审批已经汇合或尚未开始，分支“{branchRegion.Branch!.Name}”不再接受“{name}”。",
                    $"The parallel state '{branchRegion.ParallelState}' is not active (already joined or not yet entered); branch '{branchRegion.Branch!.Name}' no longer accepts '{name}'.");
            }

            return Reject(RejectionCodes.NotPermittedInState,
                $"分支“{branchRegion.Branch!.Name}”当前处于“{Title(branchRegion, active.State)}”，不能“{name}”。",
                $"Branch '{branchRegion.Branch!.Name}' is in '{active.State}', where '{name}' is not possible.");
        }

        return Reject(RejectionCodes.NotPermittedInState,
            $"办件当前处于“{Title(_definition.Main, _current.MainState)}”，不能“{name}”。",
            $"The case is in '{_current.MainState}', where '{name}' is not possible.");
    }

    private Rejection? Fire(CompiledRegion region, RegionState at, TransitionDefinition transition, ValueMap payload, bool checkGuard)
    {
        var target = transition.Target is { } t && t != at.State ? t : null;
        if (target is not null && region.IsMain && region.State(target) is { Final: true, Outcome: "approved" } && _current.OpenObligation(Obligation.SupplementId) is { } open)
        {
            return Reject(RejectionCodes.IssueBlockedBySupplement,
                $"容缺材料（{MaterialNames(open.Materials)}）尚未补齐，补齐前不能出具办理结果。",
                $"Tolerated materials ({string.Join(", ", open.Materials)}) are still outstanding; the result cannot be issued before they are supplied.");
        }

        List<string>? tolerated = null;
        List<string>? committed = null;
        if (transition.Tolerance && CheckTolerance(out tolerated) is { } toleranceRejection)
        {
            return toleranceRejection;
        }

        if (transition.Commitment && CheckCommitment(out committed) is { } commitmentRejection)
        {
            return commitmentRejection;
        }

        if (checkGuard && transition.When is { } when && !EvaluateGuard(when, region, at.State, payload))
        {
            return Reject(RejectionCodes.GuardFalse,
                $"“{transition.Event}”的条件不满足：{when.Code}" + (_current.Materials.Missing.Count > 0 ? $"（缺少材料：{MaterialNames(_current.Materials.Missing)}）" : string.Empty) + "。",
                $"The condition of '{transition.Event}' does not hold: {when.Code}" + (_current.Materials.Missing.Count > 0 ? $" (missing: {string.Join(", ", _current.Materials.Missing)})" : string.Empty) + ".",
                when.At);
        }

        var notice = transition.Notice != NoticeKind.None ? NoticeMaterials(payload) : null;
        Move(region, at, target, transition.Event, payload, idempotent: true);
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
            if (_current.OpenObligation(id) is not null)
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
        tolerated = [.. _current.Materials.Missing];
        if (_definition.Definition.Tolerance is not { } rule)
        {
            return Reject(RejectionCodes.ToleranceNotAllowed, "本事项不适用容缺受理。", "The item does not allow deficiency-tolerant acceptance.");
        }

        if (rule.ExcludeBadCredit && _current.Applicant?.BadCredit == true)
        {
            return Reject(RejectionCodes.ToleranceBadCredit, "申请人有失信记录，不适用容缺受理。", "The applicant has a bad credit record and is excluded from deficiency-tolerant acceptance.");
        }

        if (tolerated.Count == 0)
        {
            return Reject(RejectionCodes.ToleranceNothingMissing, "材料已齐全，无需容缺，请直接受理。", "Nothing is missing; accept without tolerance.");
        }

        var notTolerable = tolerated.Where(id => _definition.Material(id) is not { Tolerable: true, Core: false }).ToList();
        if (notTolerable.Count > 0)
        {
            return Reject(RejectionCodes.ToleranceMaterialNotTolerable,
                $"缺少的材料不可容缺：{MaterialNames(notTolerable)}（主要材料或未列入容缺清单的材料必须提交）。",
                $"Missing materials that may not be tolerated: {string.Join(", ", notTolerable)} (core materials and materials not marked tolerable must be submitted).");
        }

        if (tolerated.Count > rule.MaxMissing)
        {
            return Reject(RejectionCodes.ToleranceTooManyMissing,
                $"缺少 {tolerated.Count} 项材料（{MaterialNames(tolerated)}），超过容缺上限 {rule.MaxMissing} 项。",
                $"{tolerated.Count} materials are missing ({string.Join(", ", tolerated)}); at most {rule.MaxMissing} may be tolerated.");
        }

        return null;
    }

    private Rejection? CheckCommitment(out List<string> committed)
    {
        committed = [.. _current.Materials.Missing];
        if (_definition.Definition.Commitment is not { } rule)
        {
            return Reject(RejectionCodes.CommitmentNotAllowed, "本事项不适用告知承诺制。", "The item does not allow notify-and-commit.");
        }

        if (rule.ExcludeFalsePledgeHistory && _current.Applicant?.FalsePledge == true)
        {
            return Reject(RejectionCodes.CommitmentFalsePledge, "申请人曾有虚假承诺记录，不适用告知承诺制。", "The applicant has made a false pledge before and is excluded from notify-and-commit.");
        }

        var notCommittable = committed.Where(id => _definition.Material(id) is not { Committable: true, Core: false }).ToList();
        if (notCommittable.Count > 0)
        {
            return Reject(RejectionCodes.CommitmentMaterialNotCommittable,
                $"以下材料不能以承诺代替：{MaterialNames(notCommittable)}。",
                $"These materials cannot be replaced by a pledge: {string.Join(", ", notCommittable)}.");
        }

        return null;
    }

    private List<string> NoticeMaterials(ValueMap payload)
    {
        // The notice lists every missing material, whatever the clerk typed: 一次性告知 is complete by construction.
        var listed = payload.GetStrings("materials");
        return [.. _current.Materials.Missing.Concat(listed).Distinct(StringComparer.Ordinal)];
    }

    private void GiveNotice(NoticeKind kind, List<string> materials)
    {
        var first = !_current.NoticeGiven;
        Emit(CaseEventTypes.Notice, data: ValueMap.Of(("kind", kind == NoticeKind.OneTime ? "one-time" : "correction"), ("materials", materials)));
        if (!first || kind == NoticeKind.Correction)
        {
            var added = materials.Where(m => !_current.FirstNotice.Contains(m)).ToList();
            if (added.Count > 0)
            {
                Emit(CaseEventTypes.NoticeIncomplete, data: ValueMap.Of(("added", added), ("first", _current.FirstNotice)), flagged: true);
            }
        }
    }

    // ---- moving between states ------------------------------------------------------------------------------

    /// <summary>Emits <paramref name="type"/> with the regions after the move, then nothing else; entry effects are separate.</summary>
    private void Move(CompiledRegion region, RegionState at, string? target, string type, ValueMap data, bool idempotent = false)
    {
        var regions = target is null ? _current.Regions : MovedRegions(region, target);
        Emit(type, data: data, region: region.Name, regions: regions, idempotent: idempotent);
        _ = at;
    }

    private ValueList<RegionState> MovedRegions(CompiledRegion region, string target)
    {
        if (!region.IsMain)
        {
            return new(_current.Regions.Select(r => r.Region == region.Name ? new RegionState(r.Region, target, _now) : r));
        }

        var list = new List<RegionState> { new(RegionState.Main, target, _now) };
        if (_definition.Parallel(target) is not null)
        {
            foreach (var branch in _definition.Regions.Where(r => r.ParallelState == target))
            {
                list.Add(new RegionState(branch.Name, branch.InitialState, _now));
            }
        }

        return new(list);
    }

    private void Enter(CompiledRegion region, string stateName, string? from)
    {
        var state = region.State(stateName);
        if (region.IsMain)
        {
            ClockOnEnter(state, from);
        }

        foreach (var timer in state.Timers)
        {
            SetTimer(TimerKind.After, region.Name, stateName, Calendar.Add(_now, timer.After), timer.Target);
        }

        if (state.Limit is { } limit)
        {
            SetTimer(TimerKind.StepWarning, region.Name, stateName, Calendar.Add(_now, Scale(limit, WarnAt)), null);
            SetTimer(TimerKind.StepLimit, region.Name, stateName, Calendar.Add(_now, limit), null);
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
            if (state.Final && _definition.Definition.Rating.DefaultAfter is { } after && _current.Rating is null)
            {
                SetTimer(TimerKind.RatingDefault, DueTimerRegions.Case, null, Calendar.Add(_now, after), null);
            }

            if (state.Parallel is not null)
            {
                foreach (var branchRegion in _definition.Regions.Where(r => r.ParallelState == stateName))
                {
                    if (branchRegion.Branch!.Limit is { } branchLimit)
                    {
                        SetTimer(TimerKind.BranchWarning, branchRegion.Name, null, Calendar.Add(_now, Scale(branchLimit, WarnAt)), null);
                        SetTimer(TimerKind.BranchLimit, branchRegion.Name, null, Calendar.Add(_now, branchLimit), null);
                    }

                    Enter(branchRegion, branchRegion.InitialState, null);
                }
            }
        }
        else if (state.Final)
        {
            Join(region.ParallelState!);
        }
    }

    private void ClockOnEnter(StateDefinition state, string? from)
    {
        var clock = _current.Clock;
        switch (state.EffectiveClock)
        {
            case ClockMode.Running when !clock.Started:
                Emit(CaseEventTypes.ClockStarted);
                ArmCaseClock();
                break;
            case ClockMode.Running when clock.Paused && !clock.Stopped && ResumesOnEntry(clock.OpenPause!, from):
                Emit(CaseEventTypes.ClockResumed, data: ValueMap.Of(("reason", clock.OpenPause!.Reason)));
                break;
            case ClockMode.WaitingApplicant when clock.Started && !clock.Paused && !clock.Stopped:
                Emit(CaseEventTypes.ClockPaused, data: ValueMap.Of(("reason", PauseInterval.WaitingApplicant)));
                break;
            case ClockMode.SpecialProcedure when clock.Started && !clock.Paused && !clock.Stopped:
                Emit(CaseEventTypes.ClockPaused, data: ValueMap.Of(("reason", state.PausedFor ?? state.Name)));
                break;
            case ClockMode.Stopped when !clock.Stopped:
                Emit(CaseEventTypes.ClockStopped);
                break;
        }
    }

    private bool ResumesOnEntry(PauseInterval pause, string? from)
    {
        // A pause that a state caused ends when the case leaves that state; procedure-start pauses end with procedure-end.
        if (pause.Reason == PauseInterval.WaitingApplicant)
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
            SetTimer(TimerKind.CaseYellow, DueTimerRegions.Case, null, Calendar.Add(_now, Scale(limit, WarnAt)), null);
            SetTimer(TimerKind.CaseRed, DueTimerRegions.Case, null, Calendar.Add(_now, limit), null);
        }
    }

    private Duration? CaseLimit => _definition.Definition.Item.TimeLimit is { } l ? l.Promised ?? l.Statutory : null;

    private decimal WarnAt => _definition.Definition.Item.TimeLimit?.WarnAt ?? 0.75m;

    private static Duration Scale(Duration d, decimal factor) => d with { Value = d.Value * factor };

    private void Join(string parallelState)
    {
        var parallel = _definition.Parallel(parallelState)!;
        var branches = _current.Regions.Where(r => _definition.Region(r.Region)?.ParallelState == parallelState).ToList();
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
            Move(main, _current.Regions[0], done, CaseEventTypes.Joined, data.With("result", "approved"));
            Enter(main, done, parallelState);
        }
        else
        {
            if (parallel.OnReject.Kind == RefusalKind.Suspend)
            {
                if (!_current.Suspended)
                {
                    Emit(CaseEventTypes.Suspended, region: RegionState.Main, data: data);
                    if (_current.Clock.Started && !_current.Clock.Paused && !_current.Clock.Stopped)
                    {
                        Emit(CaseEventTypes.ClockPaused, data: ValueMap.Of(("reason", PauseInterval.Suspended)));
                    }
                }

                return;
            }

            var target = parallel.OnReject.Target ?? parallelState;
            Move(main, _current.Regions[0], target, CaseEventTypes.Joined, data.With("result", "rejected"));
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
                foreach (var r in _current.Regions)
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

            return Reject(RejectionCodes.AutomaticStepCycle,
                $"自动步骤连续触发超过 {MaxAutomaticSteps} 次，定义中可能存在循环。",
                $"Automatic steps fired more than {MaxAutomaticSteps} times in a row; the definition probably has a cycle of by: system transitions.");
        }
        finally
        {
            _actor = saved;
        }
    }

    // ---- built-in events ------------------------------------------------------------------------------------

    private Rejection? Supplement()
    {
        if (_actor.Role is not (ActorRole.Applicant or ActorRole.Window))
        {
            return RoleOnly("申请人或窗口人员", "the applicant or the window");
        }

        var materials = _command.Payload.GetStrings("materials");
        var unknown = materials.Where(m => _definition.Material(m) is null).ToList();
        if (materials.Count == 0 || unknown.Count > 0)
        {
            return Reject(RejectionCodes.InvalidPayload,
                materials.Count == 0 ? "补充材料时请列出材料（materials）。" : $"本事项没有材料：{string.Join("、", unknown)}。",
                materials.Count == 0 ? "List the materials handed in (materials)." : $"The item has no material {string.Join(", ", unknown)}.");
        }

        var open = _current.OpenObligation(Obligation.SupplementId);
        if (_current.Outcome is { } outcome && open is null)
        {
            return Reject(RejectionCodes.CaseFinal, $"办件已办结（{outcome}），无需补充材料。", $"The case is finished ({outcome}); no materials are outstanding.");
        }

        Emit(BuiltInEvents.Supplement, data: _command.Payload.With("materials", materials), idempotent: true);
        if (open is not null && open.Materials.All(m => _current.Materials.Submitted.Contains(m)))
        {
            Emit(CaseEventTypes.ObligationFulfilled, data: ValueMap.Of(("id", Obligation.SupplementId)));
            NotifyObligation(Obligation.SupplementId, "fulfilled");
        }

        return null;
    }

    private Rejection? Verify()
    {
        if (_actor.Role is ActorRole.Applicant or ActorRole.System)
        {
            return RoleOnly("窗口、牵头部门、审批部门或监督人员", "the window, the lead, a department or a supervisor");
        }

        if (_current.OpenObligation(Obligation.VerificationId) is null)
        {
            return Reject(RejectionCodes.NoVerificationOpen, "本办件没有待核查的承诺。", "The case has no pledge awaiting verification.");
        }

        var result = _command.Payload.GetString("result");
        if (result is not ("passed" or "failed"))
        {
            return Reject(RejectionCodes.InvalidPayload, "核查结果（result）应为 passed 或 failed。", "The verification result must be passed or failed.");
        }

        if (result == "passed")
        {
            Emit(BuiltInEvents.Verify, data: _command.Payload, idempotent: true);
            Emit(CaseEventTypes.ObligationFulfilled, data: ValueMap.Of(("id", Obligation.VerificationId)));
            NotifyObligation(Obligation.VerificationId, "fulfilled");
            return null;
        }

        var onFalse = _definition.Definition.Commitment!.OnFalse;
        var main = _definition.Main;
        Move(main, _current.Regions[0], onFalse, BuiltInEvents.Verify, _command.Payload, idempotent: true);
        Emit(CaseEventTypes.ObligationBreached, data: ValueMap.Of(("id", Obligation.VerificationId), ("reason", "false-pledge")));
        Emit(CaseEventTypes.CreditRecord, data: ValueMap.Of(
            ("kind", "false-pledge"),
            ("applicant", _current.Applicant?.Name),
            ("idNumber", _current.Applicant?.MaskedIdNumber),
            ("materials", _current.Materials.Committed),
            ("note", _command.Payload.GetString("note"))), flagged: true);
        NotifyObligation(Obligation.VerificationId, "breached");
        Enter(main, onFalse, null);
        return null;
    }

    private Rejection? ProcedureStart()
    {
        if (_actor.Role is ActorRole.Applicant or ActorRole.System)
        {
            return RoleOnly("窗口、牵头部门或审批部门", "the window, the lead or a department");
        }

        var id = _command.Payload.GetString("procedure");
        var procedures = _definition.Definition.Item.SpecialProcedures;
        if (id is null || !procedures.Any(p => p.Id == id))
        {
            var declared = procedures.Count == 0 ? "（无）" : string.Join("、", procedures.Select(p => $"{p.Id}（{p.Name}）"));
            return Reject(RejectionCodes.ProcedureNotDeclared,
                $"“{id}”不是本事项公布的特别程序，不能暂停计时。本事项的特别程序：{declared}。",
                $"'{id}' is not a special procedure of this item; only declared procedures pause the clock. Declared: {(procedures.Count == 0 ? "none" : string.Join(", ", procedures.Select(p => p.Id)))}.");
        }

        var clock = _current.Clock;
        if (!clock.Started || clock.Stopped || clock.Paused)
        {
            var why = !clock.Started ? ("办件尚未受理，计时未开始", "the case has not been accepted yet")
                : clock.Stopped ? ("办件已办结，计时已停止", "the case is finished")
                : ($"计时已因“{clock.OpenPause!.Reason}”暂停", $"the clock is already paused for {clock.OpenPause!.Reason}");
            return Reject(RejectionCodes.ProcedureNotAllowedNow, $"现在不能启动特别程序：{why.Item1}。", $"A special procedure cannot start now: {why.Item2}.");
        }

        Emit(BuiltInEvents.ProcedureStart, data: ValueMap.Of(("procedure", id)), idempotent: true);
        Emit(CaseEventTypes.ClockPaused, data: ValueMap.Of(("reason", id)));
        return null;
    }

    private Rejection? ProcedureEnd()
    {
        if (_actor.Role is ActorRole.Applicant or ActorRole.System)
        {
            return RoleOnly("窗口、牵头部门或审批部门", "the window, the lead or a department");
        }

        var pause = _current.Clock.OpenPause;
        if (pause is null || !_definition.Definition.Item.SpecialProcedures.Any(p => p.Id == pause.Reason))
        {
            return Reject(RejectionCodes.NoProcedureRunning, "当前没有进行中的特别程序。", "No special procedure is running.");
        }

        Emit(BuiltInEvents.ProcedureEnd, data: ValueMap.Of(("procedure", pause.Reason)), idempotent: true);
        Emit(CaseEventTypes.ClockResumed, data: ValueMap.Of(("reason", pause.Reason)));
        return null;
    }

    private Rejection? Rate()
    {
        if (_actor.Role is not (ActorRole.Applicant or ActorRole.Window))
        {
            return RoleOnly("申请人（或窗口代为录入）", "the applicant (or the window on their behalf)");
        }

        if (_current.Outcome is null)
        {
            return Reject(RejectionCodes.RatingNotAllowed, "办件尚未办结，办结后才能评价。", "The case is not finished; it can be rated once finished.");
        }

        if (_current.Rating is { } rating)
        {
            return Reject(RejectionCodes.RatingNotAllowed, $"本办件已评价（{rating.Level} 星），每件只能评价一次。", $"The case has already been rated ({rating.Level}); one rating per case.");
        }

        var level = _command.Payload.TryGetValue("level", out var l) && l is decimal d && d == decimal.Truncate(d) && d is >= 1 and <= 5 ? (int)d : 0;
        if (level == 0)
        {
            return Reject(RejectionCodes.InvalidPayload, "评价等级（level）应为 1 到 5 的整数。", "The rating level must be a whole number from 1 to 5.");
        }

        RecordRating(level, _command.Payload.GetString("comment"), defaulted: false);
        return null;
    }

    private void RecordRating(int level, string? comment, bool defaulted)
    {
        Emit(BuiltInEvents.Rate, data: ValueMap.Of(("level", level), ("comment", comment), ("defaulted", defaulted)), idempotent: true);
        if (level <= 2)
        {
            OpenObligation(Obligation.RectificationId, ObligationKind.Rectification, _definition.Definition.Rating.RectifyWithin,
                ValueMap.Of(("level", level), ("rectified", false), ("feedback", false)));
        }
    }

    private Rejection? Rectification()
    {
        if (_actor.Role is ActorRole.Applicant or ActorRole.System)
        {
            return RoleOnly("窗口、牵头部门、审批部门或监督人员", "the window, the lead, a department or a supervisor");
        }

        if (_current.OpenObligation(Obligation.RectificationId) is null)
        {
            return Reject(RejectionCodes.NoRectificationOpen, "本办件没有待整改的差评。", "The case has no bad rating awaiting rectification.");
        }

        Emit(_command.Event, data: _command.Payload, idempotent: true);
        var o = _current.OpenObligation(Obligation.RectificationId)!;
        if (o.Details.GetString("rectified") == "true" && o.Details.GetString("feedback") == "true")
        {
            Emit(CaseEventTypes.ObligationFulfilled, data: ValueMap.Of(("id", Obligation.RectificationId)));
            NotifyObligation(Obligation.RectificationId, "fulfilled");
        }

        return null;
    }

    private Rejection? ReopenBranches()
    {
        if (!Roles.IsLead(_definition, _actor))
        {
            return RoleOnly($"牵头部门（{DepartmentName(_definition.Definition.Item.Lead)}）", $"the lead department ({_definition.Definition.Item.Lead})");
        }

        if (!_current.Suspended)
        {
            return Reject(RejectionCodes.NotSuspended, "办件未中止，无需恢复分支。", "The case is not suspended; there is nothing to reopen.");
        }

        var reopened = new List<CompiledRegion>();
        var regions = new List<RegionState>();
        foreach (var r in _current.Regions)
        {
            var region = _definition.Region(r.Region)!;
            var s = region.State(r.State);
            if (!region.IsMain && s.Final && s.Outcome is not (null or "approved"))
            {
                reopened.Add(region);
                regions.Add(new RegionState(r.Region, region.InitialState, _now));
            }
            else
            {
                regions.Add(r);
            }
        }

        Emit(BuiltInEvents.ReopenBranches, region: RegionState.Main, regions: new(regions),
            data: _command.Payload.With("branches", reopened.Select(r => r.Branch!.Name).ToList()), idempotent: true);
        if (_current.Clock.OpenPause?.Reason == PauseInterval.Suspended)
        {
            Emit(CaseEventTypes.ClockResumed, data: ValueMap.Of(("reason", PauseInterval.Suspended)));
        }

        foreach (var region in reopened)
        {
            Enter(region, region.InitialState, null);
        }

        return null;
    }

    private Rejection? DataShared()
    {
        if (_actor.Role != ActorRole.System)
        {
            return RoleOnly("系统（数据共享接口）", "the system (a data-sharing connector)");
        }

        var source = _command.Payload.GetString("source");
        var known = source is not null && (_definition.Organization.DataSources.Any(d => d.Id == source)
            || _definition.Definition.Materials.Any(m => m.Shared == source));
        if (!known)
        {
            return Reject(RejectionCodes.UnknownDataSource, $"未知的共享数据源“{source}”。", $"Unknown data source '{source}'.");
        }

        Emit(BuiltInEvents.DataShared, data: ValueMap.Of(("source", source), ("record", _command.Payload.GetMap("record") ?? ValueMap.Empty)), idempotent: true);
        return null;
    }

    // ---- timers ---------------------------------------------------------------------------------------------

    private Rejection? Timer()
    {
        if (_actor.Role != ActorRole.System)
        {
            return RoleOnly("系统（定时）", "the system (the scheduler)");
        }

        var id = _command.Payload.GetString("id");
        var timer = _current.Timers.FirstOrDefault(t => t.Id == id);
        if (timer is null || !Folder.IsLive(_definition, timer, _current.Regions))
        {
            // Stale: the state it was armed for has been left, or it already fired. Nothing to do, nothing wrong.
            return null;
        }

        if (timer.Due > _now)
        {
            return Reject(RejectionCodes.InvalidPayload,
                $"定时 {id} 于 {Format(timer.Due)} 到期，尚未到期。", $"Timer {id} is due at {timer.Due:O}, not yet.");
        }

        var data = ValueMap.Of(("id", timer.Id), ("kind", timer.Kind.ToString()));
        switch (timer.Kind)
        {
            case TimerKind.After:
                {
                    var region = _definition.Region(timer.Region)!;
                    var at = _current.Region(timer.Region)!;
                    Move(region, at, timer.Target, BuiltInEvents.Timer, data, idempotent: true);
                    Enter(region, timer.Target!, at.State);
                    break;
                }

            case TimerKind.StepWarning or TimerKind.BranchWarning:
                Emit(BuiltInEvents.Timer, data: data, idempotent: true);
                Warn(WarningLevel.Yellow, Scope(timer));
                break;
            case TimerKind.StepLimit:
                Emit(BuiltInEvents.Timer, data: data, idempotent: true);
                Warn(WarningLevel.Red, Scope(timer));
                break;
            case TimerKind.BranchLimit:
                Emit(BuiltInEvents.Timer, data: data, idempotent: true);
                Warn(WarningLevel.Red, timer.Region);
                Deem(timer.Region);
                break;
            case TimerKind.CaseYellow or TimerKind.CaseRed:
                CaseWarningTimer(timer, data);
                break;
            case TimerKind.ObligationDue:
                ObligationDue(timer, data);
                break;
            case TimerKind.ObligationReminder:
                Emit(BuiltInEvents.Timer, data: data, idempotent: true);
                NotifyObligation(timer.Target!, "due");
                break;
            case TimerKind.RatingDefault:
                Emit(BuiltInEvents.Timer, data: data, idempotent: true);
                if (_current.Rating is null)
                {
                    RecordRating(_definition.Definition.Rating.DefaultLevel, null, defaulted: true);
                }

                break;
            case TimerKind.InstantDayEnd:
                Emit(BuiltInEvents.Timer, data: data, idempotent: true);
                if (_current.Outcome is null)
                {
                    Emit(CaseEventTypes.InstantOverdue, data: ValueMap.Of(("acceptedAt", _current.Clock.AcceptedAt)), flagged: true);
                }

                break;
        }

        return null;
    }

    private static string Scope(DueTimer timer) => timer.State is null ? timer.Region : $"{timer.Region}:{timer.State}";

    private void CaseWarningTimer(DueTimer timer, ValueMap data)
    {
        Emit(BuiltInEvents.Timer, data: data, idempotent: true);
        var clock = _current.Clock;
        if (clock.Stopped || CaseLimit is not { } limit)
        {
            return;
        }

        var threshold = Clocks.Span(_definition, timer.Kind == TimerKind.CaseYellow ? Scale(limit, WarnAt) : limit);
        var elapsed = Clocks.Report(_definition, _current, _now).Elapsed;
        if (elapsed < threshold)
        {
            // Pauses pushed the threshold back: re-arm for the working time still to go.
            var rest = Duration.WorkingHours((decimal)(threshold - elapsed).TotalHours);
            SetTimer(timer.Kind, DueTimerRegions.Case, null, Calendar.Add(_now, rest), null);
            return;
        }

        Warn(timer.Kind == TimerKind.CaseYellow ? WarningLevel.Yellow : WarningLevel.Red, "case");
    }

    private void Warn(WarningLevel level, string scope)
    {
        Emit(CaseEventTypes.Warning, data: ValueMap.Of(("level", level.ToString().ToLowerInvariant()), ("scope", scope)));
        Notify(NotificationTriggerKind.Warning, level.ToString().ToLowerInvariant(), scope);
    }

    private void Deem(string regionName)
    {
        var region = _definition.Region(regionName)!;
        var mode = region.Branch!.OnTimeout;
        if (mode == BranchTimeout.Warn)
        {
            return;
        }

        var outcome = mode == BranchTimeout.Approve ? "approved" : "rejected";
        var final = region.StateList.FirstOrDefault(s => s.Final && (s.Outcome ?? "approved") == outcome);
        if (final is null)
        {
            return;
        }

        var at = _current.Region(regionName)!;
        Move(region, at, final.Name, CaseEventTypes.BranchDeemed, ValueMap.Of(("outcome", outcome), ("branch", region.Branch.Name)));
        Enter(region, final.Name, at.State);
    }

    private void ObligationDue(DueTimer timer, ValueMap data)
    {
        var id = timer.Target!;
        Emit(BuiltInEvents.Timer, data: data, idempotent: true);
        var obligation = _current.OpenObligation(id);
        if (obligation is null)
        {
            return;
        }

        var onBreach = obligation.Kind switch
        {
            ObligationKind.Supplement => _definition.Definition.Tolerance?.OnBreach,
            ObligationKind.Custom => _definition.Definition.Obligations.FirstOrDefault(o => o.Id == id)?.OnBreach,
            _ => null,
        };
        if (onBreach is not null && _definition.Main.HasState(onBreach) && _current.MainState != onBreach)
        {
            Move(_definition.Main, _current.Regions[0], onBreach, CaseEventTypes.ObligationBreached, ValueMap.Of(("id", id)));
            NotifyObligation(id, "breached");
            Enter(_definition.Main, onBreach, null);
        }
        else
        {
            Emit(CaseEventTypes.ObligationBreached, data: ValueMap.Of(("id", id)));
            NotifyObligation(id, "breached");
        }
    }

    // ---- obligations, timers, notifications -----------------------------------------------------------------

    private void OpenObligation(string id, ObligationKind kind, Duration within, ValueMap details)
    {
        var due = Calendar.Add(_now, within);
        Emit(CaseEventTypes.ObligationOpened, data: ValueMap.Of(("id", id), ("kind", kind.ToString().ToLowerInvariant())),
            obligation: new Obligation(id, kind, _now, due, ObligationStatus.Open, details));
        SetTimer(TimerKind.ObligationDue, DueTimerRegions.Case, null, due, id);
        NotifyObligation(id, "opened");
    }

    private void OpenCustomObligation(string id)
    {
        if (_definition.Definition.Obligations.FirstOrDefault(o => o.Id == id) is not { } declared)
        {
            return;
        }

        OpenObligation(id, ObligationKind.Custom, declared.Within, ValueMap.Empty);
        var due = _current.OpenObligation(id)!.Due;
        foreach (var before in declared.Remind)
        {
            var at = Calendar.Add(_now, declared.Within with { Value = declared.Within.Value - before.Value });
            if (before.Unit == declared.Within.Unit && at < due)
            {
                SetTimer(TimerKind.ObligationReminder, DueTimerRegions.Case, null, at, id);
            }
        }
    }

    private void SetTimer(TimerKind kind, string region, string? state, DateTimeOffset due, string? target)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{Kebab(kind)}:{region}:{state ?? target ?? "-"}:{_current.Version + 1}");
        Emit(CaseEventTypes.TimerSet, region: region == DueTimerRegions.Case ? null : region,
            data: ValueMap.Of(("id", id), ("kind", Kebab(kind)), ("due", due)),
            timer: new DueTimer(id, kind, due, region, state, target));
    }

    private static string Kebab(TimerKind kind) => kind switch
    {
        TimerKind.After => "after",
        TimerKind.BranchLimit => "branch-limit",
        TimerKind.BranchWarning => "branch-warning",
        TimerKind.StepWarning => "step-warning",
        TimerKind.StepLimit => "step-limit",
        TimerKind.CaseYellow => "case-yellow",
        TimerKind.CaseRed => "case-red",
        TimerKind.ObligationDue => "obligation-due",
        TimerKind.ObligationReminder => "obligation-reminder",
        TimerKind.RatingDefault => "rating-default",
        _ => "instant-day-end",
    };

    private void NotifyObligation(string id, string phase) => Notify(NotificationTriggerKind.Obligation, id, phase: phase);

    private void Notify(NotificationTriggerKind kind, string subject, string? scope = null, string? phase = null)
    {
        foreach (var rule in _definition.Definition.Notify)
        {
            if (rule.Kind != kind || rule.Subject != subject || (phase is not null && rule.Phase is not null && rule.Phase != phase))
            {
                continue;
            }

            if (kind == NotificationTriggerKind.Warning && scope is not null && scope != "case")
            {
                // Step and branch warnings go to the worklist; the item's warning rules speak of the case.
                continue;
            }

            var sequence = _current.Version + 1;
            var rendered = Templates.Render(_definition, _current, rule, _now, subject);
            Emit(CaseEventTypes.Notification, data: ValueMap.Of(
                ("recipient", rule.To == "lead" ? $"department:{_definition.Definition.Item.Lead}" : rule.To),
                ("channel", rule.Channel ?? "sms"),
                ("template", rule.Template),
                ("title", rendered.Title),
                ("body", rendered.Body),
                ("dedupKey", string.Create(CultureInfo.InvariantCulture, $"{_current.CaseId}:{sequence}:{rule.Template}"))));
        }
    }

    // ---- guards ---------------------------------------------------------------------------------------------

    private bool EvaluateGuard(ExpressionSource when, CompiledRegion region, string state, ValueMap payload, string? eventName = null)
    {
        var context = GuardContexts.For(_definition, _current, eventName ?? _command.Event, _actor, _command.Channel, payload, region, state);
        try
        {
            return _definition.Guards.For(when).Evaluate(context);
        }
        catch (Exception ex)
        {
            throw new GuardFailure(Reject(RejectionCodes.GuardFailed,
                $"条件“{when.Code}”执行出错，办件未作任何改变：{ex.Message}",
                $"The condition '{when.Code}' failed and the case was not changed: {ex.Message}",
                when.At));
        }
    }

    private sealed class GuardFailure(Rejection rejection) : Exception(rejection.ReasonEnglish)
    {
        public Rejection Rejection { get; } = rejection;
    }

    // ---- emitting -------------------------------------------------------------------------------------------

    private void Emit(
        string type,
        ValueMap? data = null,
        string? region = null,
        ValueList<RegionState>? regions = null,
        CaseStart? start = null,
        DueTimer? timer = null,
        Obligation? obligation = null,
        bool flagged = false,
        bool idempotent = false)
    {
        var e = new CaseEvent
        {
            Sequence = _current.Version + 1,
            Type = type,
            At = _now,
            Actor = _actor,
            Channel = _command.Channel,
            Region = region,
            Regions = regions ?? _current.Regions,
            Data = data ?? ValueMap.Empty,
            Start = start,
            Timer = timer,
            Obligation = obligation,
            Flagged = flagged,
            IdempotencyKey = idempotent && _events.TrueForAll(x => x.IdempotencyKey.Length == 0) ? _command.IdempotencyKey : string.Empty,
        };
        _events.Add(e);
        _current = Folder.Apply(_definition, _current, e);
    }

    private Rejection Reject(string code, string reason, string english, SourceLocation? location = null) =>
        new(code, reason, english, Permissions.For(_definition, _original, _command.Actor, _now)) { Location = location ?? SourceLocation.None };

    private Rejection RoleOnly(string zh, string en) => Reject(RejectionCodes.RoleNotAllowed,
        $"“{_command.Event}”只能由{zh}操作，当前操作人是{_actor.RoleText}。",
        $"'{_command.Event}' may be sent by {en} only, not by {_actor.RoleText}.");

    private string MaterialNames(IEnumerable<string> ids) =>
        string.Join("、", ids.Select(id => _definition.Material(id)?.Name ?? id));

    private string DepartmentName(string? id) =>
        _definition.Organization.Departments.FirstOrDefault(d => d.Id == id)?.Name ?? id ?? "未知部门";

    private static string Title(CompiledRegion region) => region.Branch?.Title ?? region.Branch?.Name ?? region.Name;

    private static string Title(CompiledRegion region, string state) => region.HasState(state) ? region.State(state).Title ?? state : state;

    private string Format(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Calendar.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
