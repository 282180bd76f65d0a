using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Time;

namespace HongqiFlow.Runtime;

/// <summary>
/// Special procedures (特别程序) and the statutory limit (法定时限): a procedure pauses the case clock for at most its
/// <c>max</c>, whether it is started by <c>procedure-start</c> or by a state of the main flow or of a branch; passing
/// the statutory limit is its own event and red warning (docs/engine.md, "Clocks").
/// </summary>
internal sealed partial class Decider
{
    private SpecialProcedure? Procedure(string id) => _definition.Definition.Item.SpecialProcedures.FirstOrDefault(p => p.Id == id);

    /// <summary>
    /// Pauses the clock for a declared procedure and, when the item sets its <c>max</c>, arms the due time at which the
    /// clock resumes by itself. <paramref name="region"/> is the region whose state caused the pause (null for
    /// <c>procedure-start</c>); the pause is that region's to end.
    /// </summary>
    private void PauseForProcedure(string procedure, string? region)
    {
        var data = ValueMap.Of(("reason", procedure));
        Emit(CaseEventTypes.ClockPaused, data: region is null ? data : data.With("region", region));
        if (Procedure(procedure)?.Max is { } max)
        {
            SetTimer(TimerKind.ProcedureMax, DueTimerRegions.Case, null, DueAt(_now, max), procedure);
        }
    }

    /// <summary>
    /// A procedure reached its <c>max</c>: the overrun is recorded (flagged, by the system), the clock resumes and the
    /// procedure is warned red. The due time is dropped whenever the pause ends earlier, so it only fires on a pause
    /// that is still open for that procedure.
    /// </summary>
    private void ProcedureMaxReached(DueTimer timer, ValueMap data)
    {
        Emit(BuiltInEvents.Timer, data: data, idempotent: true);
        var clock = Current.Clock;
        if (clock.OpenPause is not { } pause || pause.Reason != timer.Target || clock.Stopped || Procedure(pause.Reason) is not { Max: { } max } procedure)
        {
            return;
        }

        Emit(CaseEventTypes.ProcedureOverrun, flagged: true, data: ValueMap.Of(
            ("procedure", procedure.Id),
            ("name", procedure.Name),
            ("max", max.ToString()),
            ("from", pause.From.ToString("O", CultureInfo.InvariantCulture))));
        Emit(CaseEventTypes.ClockResumed, data: ValueMap.Of(("reason", procedure.Id), ("max", max.ToString())));
        Warn(WarningLevel.Red, CaseWarning.ProcedureScope(procedure.Id));
        RearmParked(caseOnly: false);
    }

    /// <summary>
    /// The case clock as a branch state sees it: a branch state with <c>clock: special-procedure</c> pauses the case
    /// clock exactly as a main-flow state does (an on-site inspection during the market branch), and the pause ends
    /// when the branch leaves that state. Other clock modes belong to the main flow (the validator says so).
    /// </summary>
    private void BranchClockOnEnter(CompiledRegion region, StateDefinition state)
    {
        var clock = Current.Clock;
        var special = state.EffectiveClock == ClockMode.SpecialProcedure;
        if (clock.OpenPause is { } pause && pause.Region == region.Name && !clock.Stopped)
        {
            Emit(CaseEventTypes.ClockResumed, data: ValueMap.Of(("reason", pause.Reason), ("region", region.Name)));
            if (Current.Suspended)
            {
                // The case was suspended (中止) while the branch's procedure held the clock: it stays paused for that.
                Emit(CaseEventTypes.ClockPaused, data: ValueMap.Of(("reason", PauseInterval.Suspended)));
                return;
            }

            if (!special)
            {
                RearmParked(caseOnly: false);
            }
        }

        clock = Current.Clock;
        if (special && clock.Started && !clock.Paused && !clock.Stopped)
        {
            PauseForProcedure(state.PausedFor ?? state.Name, region.Name);
        }
    }

    /// <summary>A pause a branch state caused ends when the main flow moves on without that branch (its parallel state is left).</summary>
    private bool OwnerLeft(PauseInterval pause) =>
        pause.Region is { } owner && owner != RegionState.Main && Current.Region(owner) is null;

    // ---- the statutory limit --------------------------------------------------------------------------------

    private Duration? StatutoryLimit => _definition.Definition.Item.TimeLimit?.Statutory;

    /// <summary>At acceptance: the due time of the statutory limit, beside the promised limit's.</summary>
    private void ArmStatutory()
    {
        if (StatutoryLimit is { } statutory)
        {
            SetTimer(TimerKind.StatutoryLimit, DueTimerRegions.Case, null, DueAt(_now, statutory), null);
        }
    }

    /// <summary>
    /// The statutory limit fell due. Like the case warnings it counts without the pauses: with time still to go it is
    /// re-armed for that time (or parked until the resume if the case is paused); otherwise the case is flagged
    /// <c>statutory-overdue</c> and warned red in the scope <c>statutory</c>.
    /// </summary>
    private void StatutoryLimitReached(ValueMap data)
    {
        if (!Current.Clock.Started || Current.Clock.Stopped || StatutoryLimit is not { } statutory)
        {
            Emit(BuiltInEvents.Timer, data: data, idempotent: true);
            return;
        }

        if (StatutoryDueFromNow() is { } due)
        {
            if (Current.Clock.Paused)
            {
                Emit(BuiltInEvents.Timer, data: data.With("parked", true), idempotent: true);
                return;
            }

            Emit(BuiltInEvents.Timer, data: data.With("rearmed", true), idempotent: true);
            SetTimer(TimerKind.StatutoryLimit, DueTimerRegions.Case, null, due, null);
            return;
        }

        Emit(BuiltInEvents.Timer, data: data, idempotent: true);
        Emit(CaseEventTypes.StatutoryOverdue, flagged: true, data: ValueMap.Of(
            ("statutory", statutory.ToString()),
            ("acceptedAt", Current.Clock.AcceptedAt?.ToString("O", CultureInfo.InvariantCulture))));
        Warn(WarningLevel.Red, CaseWarning.StatutoryScope);
    }

    /// <summary>At a resume: arms the statutory limit again if it was parked while the case was paused.</summary>
    private void RearmStatutory()
    {
        var clock = Current.Clock;
        if (!clock.Started || clock.Paused || clock.Stopped || StatutoryLimit is null
            || Current.Timers.Any(t => t.Kind == TimerKind.StatutoryLimit) || Current.Warnings.Any(w => w.Scope == CaseWarning.StatutoryScope))
        {
            return;
        }

        if (StatutoryDueFromNow() is { } due)
        {
            SetTimer(TimerKind.StatutoryLimit, DueTimerRegions.Case, null, due, null);
        }
    }

    /// <summary>
    /// When the statutory limit falls due if counting goes on from now, pauses excluded and counted as the item counts
    /// its working days (the same rule as the promised limit's); null once reached.
    /// </summary>
    private DateTimeOffset? StatutoryDueFromNow()
    {
        if (StatutoryLimit is not { } statutory || Current.Clock.AcceptedAt is not { } accepted)
        {
            return null;
        }

        var elapsed = Clocks.IsNatural(statutory)
            ? Clocks.NaturalElapsed(Current, _now)
            : Calendar.Used(accepted, statutory, _definition.DayCounting, _now, Clocks.Pauses(Current.Clock, _now));
        var threshold = Clocks.Span(_definition, statutory);
        if (elapsed >= threshold - TimeSpan.FromSeconds(1))
        {
            return null;
        }

        return Calendar.Resume(accepted, statutory, _definition.DayCounting, _now, threshold - elapsed);
    }
}
