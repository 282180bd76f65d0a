using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Messages;
using HongqiFlow.Time;

namespace HongqiFlow.Runtime;

/// <summary>Due times firing, obligations, and notifications.</summary>
internal sealed partial class Decider
{
    // ---- timers ---------------------------------------------------------------------------------------------

    private Rejection? Timer()
    {
        var id = _command.Payload.GetString("id");
        var timer = Current.Timers.FirstOrDefault(t => t.Id == id);
        if (timer is null || !Folder.IsLive(_definition, timer, Current.Regions))
        {
            // Stale: the state it was armed for has been left, or it already fired. Nothing to do, nothing wrong.
            return null;
        }

        if (timer.Due > _now)
        {
            return Reject(RejectionCodes.InvalidPayload, "timer-not-due",
                ("timer", id), ("due", new Localized(Format(timer.Due), timer.Due.ToString("O", CultureInfo.InvariantCulture))));
        }

        var data = ValueMap.Of(("id", timer.Id), ("kind", timer.Kind.ToString()));
        switch (timer.Kind)
        {
            case TimerKind.After:
                {
                    var region = _definition.Region(timer.Region)!;
                    var at = Current.Region(timer.Region)!;
                    Move(region, timer.Target, BuiltInEvents.Timer, data, idempotent: true);
                    Enter(region, timer.Target!, at.State);
                    break;
                }

            case TimerKind.StepWarning or TimerKind.BranchWarning or TimerKind.StepLimit or TimerKind.BranchLimit or TimerKind.CaseYellow or TimerKind.CaseRed
                when Deferred(timer, data):
                break;
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
                Emit(BuiltInEvents.Timer, data: data, idempotent: true);
                if (!Current.Clock.Stopped && CaseLimit is not null)
                {
                    Warn(timer.Kind == TimerKind.CaseYellow ? WarningLevel.Yellow : WarningLevel.Red, CaseWarning.CaseScope);
                }

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
                if (!Rated(CaseRating.Stages.Finished))
                {
                    RecordRating(_definition.Definition.Rating.DefaultLevel, null, defaulted: true, CaseRating.Stages.Finished, null, null);
                }

                break;
            case TimerKind.ProcedureMax:
                ProcedureMaxReached(timer, data);
                break;
            case TimerKind.StatutoryLimit:
                StatutoryLimitReached(data);
                break;
            case TimerKind.InstantDayEnd:
                Emit(BuiltInEvents.Timer, data: data, idempotent: true);
                if (Current.Outcome is null)
                {
                    Emit(CaseEventTypes.InstantOverdue, data: ValueMap.Of(("acceptedAt", Current.Clock.AcceptedAt)), flagged: true);
                }

                break;
        }

        return null;
    }

    /// <summary>
    /// Case, step and branch limits count working time like the case clock: periods the case was paused (special
    /// procedures, waiting on the applicant, suspension) do not count. A due time armed before a pause is therefore
    /// early. When it falls due with time still to go, it is re-armed for that time; if the case is still paused,
    /// the time still to go cannot start counting yet, so the due time is parked and armed again once, at the resume
    /// (<see cref="RearmParked"/>).
    /// </summary>
    private bool Deferred(DueTimer timer, ValueMap data)
    {
        if (StillToGo(timer.Kind, timer.Region, timer.State) is not { } due)
        {
            return false;
        }

        if (Current.Clock.Paused)
        {
            Emit(BuiltInEvents.Timer, data: data.With("parked", true), idempotent: true);
            return true;
        }

        Emit(BuiltInEvents.Timer, data: data.With("rearmed", true), idempotent: true);
        SetTimer(timer.Kind, timer.Region, timer.State, due, null);
        return true;
    }

    /// <summary>
    /// At a resume, arms again each case, step or branch warning or limit that has time still to go and no due time
    /// armed: those parked while the case was paused. With <paramref name="caseOnly"/>, only the case's own (the main
    /// flow is entering a state that arms its own); regions in <paramref name="startedAgain"/> (reopened branches)
    /// are left as their new start armed them.
    /// </summary>
    private void RearmParked(bool caseOnly, IReadOnlyCollection<string>? startedAgain = null)
    {
        var clock = Current.Clock;
        if (clock.Paused || clock.Stopped)
        {
            return;
        }

        RearmStatutory();
        var scopes = new List<(TimerKind Kind, string Region, string? State)>();
        if (clock.Started && CaseLimit is not null)
        {
            scopes.Add((TimerKind.CaseYellow, DueTimerRegions.Case, null));
            scopes.Add((TimerKind.CaseRed, DueTimerRegions.Case, null));
        }

        foreach (var at in caseOnly ? [] : Current.Regions)
        {
            var region = _definition.Region(at.Region);
            if (region is null || !region.HasState(at.State) || region.State(at.State).Final || startedAgain?.Contains(at.Region) == true)
            {
                continue;
            }

            if (region.State(at.State).Limit is not null)
            {
                scopes.Add((TimerKind.StepWarning, at.Region, at.State));
                scopes.Add((TimerKind.StepLimit, at.Region, at.State));
            }

            if (region.Branch?.Limit is not null)
            {
                scopes.Add((TimerKind.BranchWarning, at.Region, null));
                scopes.Add((TimerKind.BranchLimit, at.Region, null));
            }
        }

        foreach (var (kind, region, state) in scopes)
        {
            if (!Current.Timers.Any(t => t.Kind == kind && t.Region == region && t.State == state) && StillToGo(kind, region, state) is { } due)
            {
                SetTimer(kind, region, state, due, null);
            }
        }
    }

    /// <summary>
    /// When a case, step or branch warning or limit falls due if counting goes on from now: the time still to go, counted
    /// as its limit counts (working or natural, from the next working day for whole days) with the case's pauses
    /// removed, added from now (or from where the limit starts counting, if that is later); null when the threshold is
    /// reached, or there is no limit.
    /// </summary>
    private DateTimeOffset? StillToGo(TimerKind kind, string regionName, string? stateName)
    {
        Duration full;
        DateTimeOffset start;
        TimeSpan elapsed;
        if (kind is TimerKind.CaseYellow or TimerKind.CaseRed)
        {
            if (Current.Clock.Stopped || CaseLimit is not { } caseLimit || Current.Clock.AcceptedAt is not { } accepted)
            {
                return null;
            }

            full = caseLimit;
            start = accepted;
            elapsed = Clocks.IsNatural(full) ? Clocks.NaturalElapsed(Current, _now) : Calendar.Used(accepted, full, _definition.DayCounting, _now, Clocks.Pauses(Current.Clock, _now));
        }
        else
        {
            var isBranch = kind is TimerKind.BranchWarning or TimerKind.BranchLimit;
            var region = _definition.Region(regionName);
            Duration? limit = isBranch ? region?.Branch?.Limit : stateName is { } name && region is not null && region.HasState(name) ? region.State(name).Limit : null;
            var entered = isBranch ? Current.Regions[0].EnteredAt : Current.Region(regionName)?.EnteredAt;
            if (limit is not { } l || entered is not { } from)
            {
                return null;
            }

            full = l;
            start = from;
            var pauses = Clocks.Pauses(Current.Clock, _now);
            elapsed = Clocks.IsNatural(full) ? Clocks.NaturalBetween(from, _now, pauses) : Calendar.Used(from, full, _definition.DayCounting, _now, pauses);
        }

        var warning = kind is TimerKind.CaseYellow or TimerKind.StepWarning or TimerKind.BranchWarning;
        var threshold = Clocks.Span(_definition, warning ? Scale(full, WarnAt) : full);
        if (elapsed >= threshold - TimeSpan.FromSeconds(1))
        {
            return null;
        }

        return Calendar.Resume(start, full, _definition.DayCounting, _now, threshold - elapsed);
    }

    /// <summary>
    /// When <paramref name="share"/> of <paramref name="limit"/> starting at <paramref name="start"/> is used, counted by
    /// the item's day-counting rule: every limit, timer and obligation of a case is armed through here.
    /// </summary>
    private DateTimeOffset DueAt(DateTimeOffset start, Duration limit, decimal share = 1m) =>
        Calendar.Due(start, limit, _definition.DayCounting, share);

    private static string Scope(DueTimer timer) => CaseWarning.ScopeOf(timer.Region, timer.State);

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

        var at = Current.Region(regionName)!;
        Move(region, final.Name, CaseEventTypes.BranchDeemed, ValueMap.Of(("outcome", outcome), ("branch", region.Branch.Name)));
        Enter(region, final.Name, at.State);
    }

    private void ObligationDue(DueTimer timer, ValueMap data)
    {
        var id = timer.Target!;
        Emit(BuiltInEvents.Timer, data: data, idempotent: true);
        var obligation = Current.OpenObligation(id);
        if (obligation is null)
        {
            return;
        }

        if (obligation.Kind == ObligationKind.Verification)
        {
            VerificationOverdue(obligation);
            return;
        }

        var onBreach = obligation.Kind switch
        {
            ObligationKind.Supplement => _definition.Definition.Tolerance?.OnBreach,
            ObligationKind.Custom => _definition.Definition.Obligations.FirstOrDefault(o => o.Id == id)?.OnBreach,
            _ => null,
        };
        if (onBreach is not null && _definition.Main.HasState(onBreach) && Current.MainState != onBreach)
        {
            Move(_definition.Main, onBreach, CaseEventTypes.ObligationBreached, ValueMap.Of(("id", id)));
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
        var due = DueAt(_now, within);
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
        var due = Current.OpenObligation(id)!.Due;
        foreach (var before in declared.Remind)
        {
            if (Calendar.Before(_now, declared.Within, _definition.DayCounting, before) is { } at && at < due)
            {
                SetTimer(TimerKind.ObligationReminder, DueTimerRegions.Case, null, at, id);
            }
        }
    }

    private void SetTimer(TimerKind kind, string region, string? state, DateTimeOffset due, string? target)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{Kebab(kind)}:{region}:{state ?? target ?? "-"}:{NextSequence}");
        var timer = new DueTimer(id, kind, due, region, state, target);

        // The details {id, kind, due} are the timer's own, written out when first read (ValueMap.OfTimer).
        Emit(CaseEventTypes.TimerSet, region: region == DueTimerRegions.Case ? null : region, data: ValueMap.OfTimer(timer), timer: timer);
    }

    private static string Kebab(TimerKind kind) => DueTimer.KindName(kind);

    private void NotifyObligation(string id, string phase) => Notify(NotificationTriggerKind.Obligation, id, phase: phase);

    private void Notify(NotificationTriggerKind kind, string subject, string? scope = null, string? phase = null)
    {
        foreach (var rule in _definition.Definition.Notify)
        {
            if (rule.Kind != kind || rule.Subject != subject || (phase is not null && rule.Phase is not null && rule.Phase != phase))
            {
                continue;
            }

            if (kind == NotificationTriggerKind.Warning && scope is not null && scope != CaseWarning.CaseScope)
            {
                // Step and branch warnings go to the worklist; the item's warning rules speak of the case.
                continue;
            }

            var sequence = NextSequence;
            var rendered = Templates.Render(_definition, Current, rule, _now, subject);
            Emit(CaseEventTypes.Notification, data: ValueMap.Of(
                ("recipient", rule.To == "lead" ? $"department:{_definition.Definition.Item.Lead}" : rule.To),
                ("channel", rule.Channel ?? "sms"),
                ("template", rule.Template),
                ("title", rendered.Title),
                ("body", rendered.Body),
                ("dedupKey", string.Create(CultureInfo.InvariantCulture, $"{Current.CaseId}:{sequence}:{rule.Template}"))));
        }
    }
}
