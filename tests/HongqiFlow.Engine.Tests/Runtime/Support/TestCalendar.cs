using HongqiFlow.Time;

namespace HongqiFlow.Tests.Runtime.Support;

/// <summary>Mon–Fri 09:00–12:00 and 13:00–17:00 at UTC+8 (7 working hours a day), with optional holidays.</summary>
internal sealed class TestCalendar : IWorkingCalendar
{
    private static readonly (TimeSpan From, TimeSpan To)[] Segments =
        [(TimeSpan.FromHours(9), TimeSpan.FromHours(12)), (TimeSpan.FromHours(13), TimeSpan.FromHours(17))];

    private readonly HashSet<DateOnly> _holidays;

    public TestCalendar(string id = "test", params DateOnly[] holidays)
    {
        Id = id;
        _holidays = [.. holidays];
    }

    public static TimeSpan Offset { get; } = TimeSpan.FromHours(8);

    public string Id { get; }

    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");

    public TimeSpan WorkingDayLength => TimeSpan.FromHours(7);

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);

    public DateTimeOffset Add(DateTimeOffset start, Duration duration)
    {
        switch (duration.Unit)
        {
            case DurationUnit.Days: return start.AddDays((double)duration.Value);
            case DurationUnit.Hours: return start.AddHours((double)duration.Value);
            case DurationUnit.Minutes: return start.AddMinutes((double)duration.Value);
        }

        var remaining = duration.Unit == DurationUnit.WorkingDays
            ? WorkingDayLength * (double)duration.Value
            : TimeSpan.FromHours((double)duration.Value);
        var t = start.ToOffset(Offset);
        for (var day = 0; day < 3660; day++)
        {
            var date = t.Date.AddDays(day);
            if (!IsWorkingDay(DateOnly.FromDateTime(date)))
            {
                continue;
            }

            foreach (var (from, to) in Segments)
            {
                var segStart = new DateTimeOffset(date + from, Offset);
                var segEnd = new DateTimeOffset(date + to, Offset);
                if (segEnd <= t)
                {
                    continue;
                }

                var begin = t > segStart ? t : segStart;
                var available = segEnd - begin;
                if (remaining <= available)
                {
                    return begin + remaining;
                }

                remaining -= available;
            }
        }

        throw new InvalidOperationException("duration too long for the test calendar");
    }

    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to) => WorkingTimeBetween(from, to, []);

    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to, IEnumerable<(DateTimeOffset From, DateTimeOffset To)> pauses)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var paused = pauses.ToList();
        var total = TimeSpan.Zero;
        var f = from.ToOffset(Offset);
        for (var date = f.Date; date <= to.ToOffset(Offset).Date; date = date.AddDays(1))
        {
            if (!IsWorkingDay(DateOnly.FromDateTime(date)))
            {
                continue;
            }

            foreach (var (segFrom, segTo) in Segments)
            {
                var a = Max(new DateTimeOffset(date + segFrom, Offset), from);
                var b = Min(new DateTimeOffset(date + segTo, Offset), to);
                if (b <= a)
                {
                    continue;
                }

                total += b - a - Overlap(a, b, paused);
            }
        }

        return total;
    }

    private static TimeSpan Overlap(DateTimeOffset a, DateTimeOffset b, List<(DateTimeOffset From, DateTimeOffset To)> pauses)
    {
        // Merge the pauses inside [a, b] so overlapping ones are not subtracted twice.
        var clipped = pauses.Select(p => (From: Max(p.From, a), To: Min(p.To, b))).Where(p => p.To > p.From).OrderBy(p => p.From).ToList();
        var sum = TimeSpan.Zero;
        DateTimeOffset? curFrom = null, curTo = null;
        foreach (var (pf, pt) in clipped)
        {
            if (curTo is null || pf > curTo)
            {
                if (curTo is not null)
                {
                    sum += curTo.Value - curFrom!.Value;
                }

                (curFrom, curTo) = (pf, pt);
            }
            else if (pt > curTo)
            {
                curTo = pt;
            }
        }

        if (curTo is not null)
        {
            sum += curTo.Value - curFrom!.Value;
        }

        return sum;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
