using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Time;

namespace HongqiFlow.Runtime;

/// <summary>Due times firing, obligations, and notifications.</summary>
internal sealed partial class Decider
{
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
                    Move(region, timer.Target, BuiltInEvents.Timer, data, idempotent: true);
                    Enter(region, timer.Target!, at.State);
                    break;
                }

            case TimerKind.StepWarning or TimerKind.BranchWarning or TimerKind.StepLimit or TimerKind.BranchLimit
                when RearmedAfterPauses(timer, data):
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

    /// <summary>
    /// Step and branch limits count working time like the case clock: periods the case was paused (special procedures,
    /// waiting on the applicant, suspension) do not count. A due time armed before a pause is therefore early; it is
    /// re-armed for the working time still to go instead of warning or deeming.
    /// </summary>
    private bool RearmedAfterPauses(DueTimer timer, ValueMap data)
    {
        var isBranch = timer.Kind is TimerKind.BranchWarning or TimerKind.BranchLimit;
        var region = _definition.Region(timer.Region);
        Duration? limit = isBranch ? region?.Branch?.Limit : timer.State is { } name ? region?.State(name).Limit : null;
        var entered = isBranch ? _current.Regions[0].EnteredAt : _current.Region(timer.Region)?.EnteredAt;
        if (limit is not { } full || entered is not { } start)
        {
            return false;
        }

        var warning = timer.Kind is TimerKind.BranchWarning or TimerKind.StepWarning;
        var threshold = Clocks.Span(_definition, warning ? Scale(full, WarnAt) : full);
        var pauses = _current.Clock.Pauses.Select(p => (p.From, p.To ?? _now));
        var natural = Clocks.IsNatural(full);
        var elapsed = natural ? Clocks.NaturalBetween(start, _now, pauses) : Calendar.WorkingTimeBetween(start, _now, pauses);
        if (elapsed >= threshold - TimeSpan.FromSeconds(1))
        {
            return false;
        }

        Emit(BuiltInEvents.Timer, data: data.With("rearmed", true), idempotent: true);
        var hours = (decimal)(threshold - elapsed).TotalHours;
        var rest = natural ? Duration.Hours(hours) : Duration.WorkingHours(hours);
        SetTimer(timer.Kind, timer.Region, timer.State, Calendar.Add(_now, rest), null);
        return true;
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
        var natural = Clocks.IsNatural(limit);
        var elapsed = natural ? Clocks.NaturalElapsed(_current, _now) : Clocks.Report(_definition, _current, _now).Elapsed;
        if (elapsed < threshold - TimeSpan.FromSeconds(1))
        {
            // Pauses pushed the threshold back: re-arm for the time still to go (natural or working, as the limit counts).
            var hours = (decimal)(threshold - elapsed).TotalHours;
            var rest = natural ? Duration.Hours(hours) : Duration.WorkingHours(hours);
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
        Move(region, final.Name, CaseEventTypes.BranchDeemed, ValueMap.Of(("outcome", outcome), ("branch", region.Branch.Name)));
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
        var id = string.Create(CultureInfo.InvariantCulture, $"{Kebab(kind)}:{region}:{state ?? target ?? "-"}:{NextSequence}");
        Emit(CaseEventTypes.TimerSet, region: region == DueTimerRegions.Case ? null : region,
            data: ValueMap.Of(("id", id), ("kind", Kebab(kind)), ("due", due.ToString("O", CultureInfo.InvariantCulture))),
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

            var sequence = NextSequence;
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
}
