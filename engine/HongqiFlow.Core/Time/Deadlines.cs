namespace HongqiFlow.Time;

/// <summary>
/// The one place a duration meets the calendar as a time limit: case clocks, step and branch limits, <c>after:</c>
/// timers, obligations (supplement, post-verification, rectification) and the rating default all ask here.
/// <para>
/// Under <see cref="DayCounting.WholeDays"/> a limit of at least one working day starts counting at the opening of the
/// first working day after the day it starts on, and then counts working time: N whole working days thus end at close
/// of business of the Nth working day, whatever the hour of the start; a mixed value such as 8.5wd ends half a working
/// day (3.5 working hours) after close of business of the 8th. A limit under one working day, <c>wh</c>, and every
/// limit under <see cref="DayCounting.Elapsed"/> count from the start instant itself. Natural units (d, h, min) are
/// plain time in both rules.
/// </para>
/// </summary>
public static class Deadlines
{
    /// <summary>True when <paramref name="rule"/> counts <paramref name="limit"/> in whole days from the next working day.</summary>
    public static bool CountsWholeDays(Duration limit, DayCounting rule) =>
        rule == DayCounting.WholeDays && limit.Unit == DurationUnit.WorkingDays && limit.Value >= 1m;

    /// <summary>
    /// Where a limit starting at <paramref name="start"/> starts counting: the opening of the first working day after
    /// the local day of <paramref name="start"/> when it counts whole days, otherwise <paramref name="start"/>.
    /// Working time before this instant is not used from the limit.
    /// </summary>
    public static DateTimeOffset CountFrom(this IWorkingCalendar calendar, DateTimeOffset start, Duration limit, DayCounting rule)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!CountsWholeDays(limit, rule))
        {
            return start;
        }

        var local = TimeZoneInfo.ConvertTime(start, calendar.TimeZone);
        var nextDay = local.Date.AddDays(1);
        // A zone whose clocks skip midnight has no such local instant; an hour later is still before any opening.
        var offset = calendar.TimeZone.IsInvalidTime(nextDay) ? calendar.TimeZone.GetUtcOffset(nextDay.AddHours(1)) : calendar.TimeZone.GetUtcOffset(nextDay);
        return calendar.Add(new DateTimeOffset(nextDay, offset), Duration.WorkingHours(0));
    }

    /// <summary>The instant a limit of <paramref name="limit"/> starting at <paramref name="start"/> falls due.</summary>
    public static DateTimeOffset Due(this IWorkingCalendar calendar, DateTimeOffset start, Duration limit, DayCounting rule) =>
        calendar.Due(start, limit, rule, 1m);

    /// <summary>
    /// The instant <paramref name="share"/> of the limit is used (0.75 for the yellow warning): the same share of the
    /// limit's working time, counted from where the limit counts from, so the warning and the due instant agree.
    /// </summary>
    public static DateTimeOffset Due(this IWorkingCalendar calendar, DateTimeOffset start, Duration limit, DayCounting rule, decimal share)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.Add(calendar.CountFrom(start, limit, rule), limit with { Value = limit.Value * share });
    }

    /// <summary>
    /// The instant <paramref name="before"/> ahead of the due instant, in the limit's own unit (an obligation's
    /// reminder): counted from where the limit counts from; null when it is not before the due instant.
    /// </summary>
    public static DateTimeOffset? Before(this IWorkingCalendar calendar, DateTimeOffset start, Duration limit, DayCounting rule, Duration before)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (before.Unit != limit.Unit || before.Value <= 0m || before.Value >= limit.Value)
        {
            return null;
        }

        return calendar.Add(calendar.CountFrom(start, limit, rule), limit with { Value = limit.Value - before.Value });
    }

    /// <summary>
    /// The working time of <paramref name="limit"/> used between its start and <paramref name="now"/>, with the paused
    /// intervals removed: what the share used and the time left are measured by.
    /// </summary>
    public static TimeSpan Used(this IWorkingCalendar calendar, DateTimeOffset start, Duration limit, DayCounting rule, DateTimeOffset now, IEnumerable<(DateTimeOffset From, DateTimeOffset To)> pauses)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.WorkingTimeBetween(calendar.CountFrom(start, limit, rule), now, pauses);
    }

    /// <summary>
    /// The instant a limit with <paramref name="rest"/> working time still to go falls due when counting goes on from
    /// <paramref name="now"/> (a resume after a pause, a due time re-armed): never before the limit starts counting.
    /// </summary>
    public static DateTimeOffset Resume(this IWorkingCalendar calendar, DateTimeOffset start, Duration limit, DayCounting rule, DateTimeOffset now, TimeSpan rest)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!limit.IsWorkingTime)
        {
            return calendar.Add(now, Duration.Hours(Hours(rest)));
        }

        var from = calendar.CountFrom(start, limit, rule);
        return calendar.Add(from > now ? from : now, Duration.WorkingHours(Hours(rest)));
    }

    private static decimal Hours(TimeSpan span) => span <= TimeSpan.Zero ? 0m : (decimal)span.Ticks / TimeSpan.TicksPerHour;
}
