using HongqiFlow.Definitions.Model;
using HongqiFlow.Messages;
using HongqiFlow.Time;

namespace HongqiFlow.Runtime;

/// <summary>Case clock arithmetic on the definition's calendar.</summary>
public static class Clocks
{
    public static ClockReport Report(CompiledDefinition definition, CaseState state, DateTimeOffset now)
    {
        var clock = state.Clock;
        var limits = definition.Definition.Item.TimeLimit;
        TimeSpan? promised = limits?.Promised is { } p ? Span(definition, p) : null;
        TimeSpan? statutory = limits?.Statutory is { } s ? Span(definition, s) : null;
        if (clock.AcceptedAt is not { } accepted)
        {
            return new ClockReport(false, false, false, TimeSpan.Zero, promised, statutory, promised, statutory);
        }

        var end = clock.StoppedAt ?? now;
        var pauses = Pauses(clock, end);
        var natural = NaturalElapsed(state, now);
        var rule = definition.DayCounting;
        var calendar = definition.Calendar;

        // Elapsed is the working time spent since acceptance, pauses excluded: how long the case took. The time left of
        // each limit is measured from where that limit starts counting (the next working day for whole days), so it
        // reaches zero exactly at the limit's due instant, and the share used (limit - left) / limit agrees with it too.
        var elapsed = calendar.WorkingTimeBetween(accepted, end, pauses);
        TimeSpan? Left(Duration? limit, TimeSpan? span) => limit is { } l ? span - (IsNatural(l) ? natural : calendar.Used(accepted, l, rule, end, pauses)) : null;
        return new ClockReport(true, clock.Paused, clock.Stopped, elapsed, promised, statutory, Left(limits?.Promised, promised), Left(limits?.Statutory, statutory));
    }

    /// <summary>
    /// The instant a running case's limit falls due if the clock runs on without another pause: what the applicant is
    /// told as 承诺办结时间. Null when the clock is not running or the limit is already passed.
    /// </summary>
    public static DateTimeOffset? DueBy(CompiledDefinition definition, CaseState state, DateTimeOffset now, Duration? limit)
    {
        var clock = state.Clock;
        if (limit is not { } l || clock.AcceptedAt is not { } accepted || clock.Paused || clock.Stopped)
        {
            return null;
        }

        var report = Report(definition, state, now);
        var left = l == definition.Definition.Item.TimeLimit?.Promised ? report.RemainingPromised : report.RemainingStatutory;
        return left is { } rest && rest >= TimeSpan.Zero ? definition.Calendar.Resume(accepted, l, definition.DayCounting, now, rest) : null;
    }

    /// <summary>Natural units (d, h, min) count every hour, not only working hours: 《居住证暂行条例》's 15 日 are calendar days.</summary>
    public static bool IsNatural(Duration? limit) => limit is { } d && !d.IsWorkingTime;

    /// <summary>Natural time since acceptance, pauses excluded: what a limit in natural units is measured against.</summary>
    public static TimeSpan NaturalElapsed(CaseState state, DateTimeOffset now)
    {
        var clock = state.Clock;
        if (clock.AcceptedAt is not { } accepted)
        {
            return TimeSpan.Zero;
        }

        var end = clock.StoppedAt ?? now;
        return NaturalBetween(accepted, end, Pauses(clock, end));
    }

    /// <summary>The clock's pauses with an open one closed at <paramref name="end"/>; no enumerator or closure when there are none.</summary>
    public static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Pauses(CaseClock clock, DateTimeOffset end) =>
        clock.Pauses.Count == 0 ? [] : Closed(clock.Pauses, end);

    // Apart, so the closure over end is only made when there are pauses.
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Closed(ValueList<PauseInterval> pauses, DateTimeOffset end) =>
        pauses.Select(p => (p.From, p.To ?? end));

    /// <summary>Natural time between two instants with the paused intervals (clipped to them) removed.</summary>
    public static TimeSpan NaturalBetween(DateTimeOffset from, DateTimeOffset to, IEnumerable<(DateTimeOffset From, DateTimeOffset To)> pauses)
    {
        var total = to > from ? to - from : TimeSpan.Zero;
        foreach (var (start, end) in pauses)
        {
            var a = start < from ? from : start;
            var b = end > to ? to : end;
            if (b > a)
            {
                total -= b - a;
            }
        }

        return total;
    }

    /// <summary>A limit as working time: wd count the calendar's working day; natural units count as written.</summary>
    public static TimeSpan Span(CompiledDefinition definition, Duration limit) => limit.Unit switch
    {
        DurationUnit.WorkingDays => definition.Calendar.WorkingDayLength * (double)limit.Value,
        DurationUnit.WorkingHours or DurationUnit.Hours => TimeSpan.FromHours((double)limit.Value),
        DurationUnit.Days => TimeSpan.FromDays((double)limit.Value),
        _ => TimeSpan.FromMinutes((double)limit.Value),
    };

    public static string Describe(TimeSpan working, IWorkingCalendar calendar)
    {
        _ = calendar;
        var hours = (int)working.TotalHours;
        return (hours > 0 ? Message.Of("clock.hours-minutes", ("hours", hours), ("minutes", working.Minutes)) : Message.Of("clock.minutes", ("minutes", working.Minutes))).Chinese;
    }
}
