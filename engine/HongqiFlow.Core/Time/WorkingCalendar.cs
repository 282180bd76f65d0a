using System.Collections.Concurrent;
using System.Collections.Frozen;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Time;

/// <summary>
/// Working-time arithmetic on one <see cref="CalendarDefinition"/>. Immutable and safe to share between threads.
/// Walks day by day and works with whole working intervals, so adding 20wd touches about 28 days and allocates nothing.
/// Each local year is resolved once into a <see cref="WorkingYear"/> (working days and interval instants), so a walk
/// does no time-zone conversion or holiday lookup per day.
/// </summary>
public sealed class WorkingCalendar : IWorkingCalendar
{
    /// <summary>
    /// A run of non-working days longer than this means the calendar can never reach a working moment
    /// (e.g. holidays entered for a whole decade); better a clear error than an endless walk.
    /// </summary>
    private const int MaxConsecutiveRestDays = 366;

    /// <summary>Spans longer than this are a caller's mistake (e.g. an unset end instant), not a case.</summary>
    private static readonly TimeSpan MaxSpan = TimeSpan.FromDays(366 * 100);

    private static readonly decimal MaxHours = (decimal)MaxSpan.Ticks / TimeSpan.TicksPerHour;
    private static readonly decimal MaxDays = (decimal)MaxSpan.Ticks / TimeSpan.TicksPerDay;
    private static readonly decimal MaxMinutes = (decimal)MaxSpan.Ticks / TimeSpan.TicksPerMinute;

    private readonly WorkingHours[] _hours;
    private readonly bool[] _workingWeekday = new bool[7];
    private readonly FrozenDictionary<DateOnly, string> _holidays;
    private readonly FrozenDictionary<DateOnly, string> _makeUpDays;
    private readonly FrozenSet<int> _coveredYears;
    private readonly ConcurrentDictionary<int, WorkingYear> _years = new();
    private readonly decimal _maxWorkingDays;

    /// <summary>The year the last walk used: nearly every walk stays in it, and a field read beats a dictionary lookup.</summary>
    private WorkingYear? _lastYear;

    public WorkingCalendar(CalendarDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(definition.TimeZone, out var zone))
        {
            throw new ArgumentException($"calendar '{definition.Id}': time zone '{definition.TimeZone}' is not known", nameof(definition));
        }

        if (definition.WorkingWeekdays.IsEmpty || definition.WorkingHours.IsEmpty)
        {
            throw new ArgumentException($"calendar '{definition.Id}' needs working weekdays and working hours", nameof(definition));
        }

        _hours = [.. definition.WorkingHours.OrderBy(h => h.Start)];
        for (var i = 0; i < _hours.Length; i++)
        {
            if (_hours[i].End <= _hours[i].Start || _hours[i].End > TimeSpan.FromHours(24) || (i > 0 && _hours[i].Start < _hours[i - 1].End))
            {
                throw new ArgumentException($"calendar '{definition.Id}': working hours must be ordered, non-empty, within the day and not overlap", nameof(definition));
            }
        }

        foreach (var day in definition.WorkingWeekdays)
        {
            _workingWeekday[(int)day] = true;
        }

        Definition = definition;
        TimeZone = zone;
        WorkingDayLength = TimeSpan.FromTicks(_hours.Sum(h => h.Length.Ticks));
        _maxWorkingDays = (decimal)MaxSpan.Ticks / WorkingDayLength.Ticks;
        _holidays = definition.Holidays.ToFrozenDictionary(d => d.Date, d => d.Name);
        _makeUpDays = definition.MakeUpDays.ToFrozenDictionary(d => d.Date, d => d.Name);
        // A notice may carry a day of the year before (2022-12-31 in the 2023 notice), so notices, not dates, say which years are known.
        _coveredYears = definition.Notices.IsEmpty
            ? definition.Holidays.Concat(definition.MakeUpDays).Select(d => d.Date.Year).ToFrozenSet()
            : definition.Notices.Select(n => n.Year).ToFrozenSet();
    }

    public CalendarDefinition Definition { get; }

    public string Id => Definition.Id;

    public TimeZoneInfo TimeZone { get; }

    public TimeSpan WorkingDayLength { get; }

    public DayCounting DayCounting => Definition.DayCounting;

    /// <summary>Years for which the calendar holds an official notice; outside them only weekdays count.</summary>
    public IReadOnlySet<int> CoveredYears => _coveredYears;

    public bool Covers(DateOnly date) => _coveredYears.Contains(date.Year);

    public bool IsWorkingDay(DateOnly date) =>
        _makeUpDays.ContainsKey(date) || (!_holidays.ContainsKey(date) && _workingWeekday[(int)date.DayOfWeek]);

    /// <summary>The festival a date is a holiday for (e.g. 国庆节), or null.</summary>
    public string? HolidayName(DateOnly date) => _holidays.GetValueOrDefault(date);

    /// <summary>The festival a make-up working day belongs to (e.g. 国庆节 for 2024-10-12), or null.</summary>
    public string? MakeUpDayName(DateOnly date) => _makeUpDays.GetValueOrDefault(date);

    /// <summary>Every non-working day from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public IReadOnlyList<DateOnly> NonWorkingDaysBetween(DateOnly first, DateOnly last)
    {
        var days = new List<DateOnly>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                days.Add(date);
            }
        }

        return days;
    }

    /// <summary>The local calendar date an instant falls on in this calendar's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDayNumber(LocalDay(instant));

    /// <summary>
    /// Working units count only working time and end exactly when it is used up, so 1wd from 09:00 ends at 17:00 the
    /// same day, not at 09:00 the next. The result is expressed in the calendar's local offset.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset start, Duration duration)
    {
        if (duration.Value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "a duration added to an instant cannot be negative");
        }

        var unitTicks = duration.Unit switch
        {
            DurationUnit.WorkingDays => WorkingDayLength.Ticks,
            DurationUnit.WorkingHours or DurationUnit.Hours => TimeSpan.TicksPerHour,
            DurationUnit.Days => TimeSpan.TicksPerDay,
            DurationUnit.Minutes => TimeSpan.TicksPerMinute,
            _ => throw new ArgumentOutOfRangeException(nameof(duration), duration, "unknown duration unit"),
        };

        // The bound per unit is divided once, not per call: a decimal division costs more than the rest of a short walk.
        var longest = duration.Unit switch
        {
            DurationUnit.WorkingDays => _maxWorkingDays,
            DurationUnit.WorkingHours or DurationUnit.Hours => MaxHours,
            DurationUnit.Days => MaxDays,
            _ => MaxMinutes,
        };
        if (duration.Value > longest)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "a duration longer than a hundred years is not a time limit");
        }

        var ticks = (long)Math.Round(duration.Value * unitTicks, MidpointRounding.AwayFromZero);
        return duration.IsWorkingTime ? AddWorking(start, ticks) : TimeZoneInfo.ConvertTime(start.AddTicks(ticks), TimeZone);
    }

    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        if (to - from > MaxSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "a span longer than a hundred years is not a case; is the end instant set?");
        }

        long total = 0;
        var fromUtc = from.UtcTicks;
        var toUtc = to.UtcTicks;
        var last = LocalDay(to);
        WorkingYear? year = null;
        for (var day = LocalDay(from); day <= last; day++)
        {
            year = year is not null && year.Contains(day) ? year : Year(day);
            var d = day - year.FirstDay;
            if (!year.IsWorking(d))
            {
                continue;
            }

            for (var i = 0; i < year.Intervals; i++)
            {
                var start = Math.Max(year.Start(d, i), fromUtc);
                var end = Math.Min(year.End(d, i), toUtc);
                if (end > start)
                {
                    total += end - start;
                }
            }
        }

        return TimeSpan.FromTicks(total);
    }

    /// <summary>
    /// Pauses may overlap each other and stick out of [<paramref name="from"/>, <paramref name="to"/>]; a pause still open
    /// is passed with its end at or after <paramref name="to"/> (e.g. <see cref="DateTimeOffset.MaxValue"/>).
    /// </summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to, IEnumerable<(DateTimeOffset From, DateTimeOffset To)> pauses)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        // Most clocks have no pause: the list is only made for one that overlaps.
        List<(DateTimeOffset From, DateTimeOffset To)>? clipped = null;
        foreach (var pause in pauses)
        {
            if (pause.To < pause.From)
            {
                throw new ArgumentException($"a pause ends ({pause.To:O}) before it starts ({pause.From:O})", nameof(pauses));
            }

            var start = Max(pause.From, from);
            var end = Min(pause.To, to);
            if (end > start)
            {
                (clipped ??= []).Add((start, end));
            }
        }

        var working = WorkingTimeBetween(from, to);
        if (clipped is null)
        {
            return working;
        }

        clipped.Sort((a, b) => a.From.CompareTo(b.From));
        var (runStart, runEnd) = clipped[0];
        for (var i = 1; i < clipped.Count; i++)
        {
            if (clipped[i].From <= runEnd)
            {
                runEnd = Max(runEnd, clipped[i].To);
                continue;
            }

            working -= WorkingTimeBetween(runStart, runEnd);
            (runStart, runEnd) = clipped[i];
        }

        return working - WorkingTimeBetween(runStart, runEnd);
    }

    /// <summary>Working time between two instants in working days (working time ÷ <see cref="WorkingDayLength"/>), e.g. 2.5.</summary>
    public decimal WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to) =>
        (decimal)WorkingTimeBetween(from, to).Ticks / WorkingDayLength.Ticks;

    /// <summary>The first working moment at or after <paramref name="instant"/>.</summary>
    public DateTimeOffset NextWorkingMoment(DateTimeOffset instant) => AddWorking(instant, 0);

    public override string ToString() => $"{Id} ({Definition.Name}, {Definition.TimeZone})";

    private DateTimeOffset AddWorking(DateTimeOffset start, long remaining)
    {
        var startUtc = start.UtcTicks;
        var restDays = 0;
        WorkingYear? year = null;
        for (var day = LocalDay(start); ; day++)
        {
            year = year is not null && year.Contains(day) ? year : Year(day);
            var d = day - year.FirstDay;
            if (!year.IsWorking(d))
            {
                if (++restDays > MaxConsecutiveRestDays)
                {
                    throw new HongqiFlowException($"calendar '{Id}' has no working day in the {MaxConsecutiveRestDays} days after {CalendarReader.Iso(DateOnly.FromDayNumber(day - MaxConsecutiveRestDays))}; check its holidays");
                }

                continue;
            }

            restDays = 0;
            for (var i = 0; i < year.Intervals; i++)
            {
                var end = year.End(d, i);
                if (end <= startUtc)
                {
                    continue;
                }

                var from = Math.Max(year.Start(d, i), startUtc);
                var available = end - from;
                if (remaining <= available)
                {
                    return year.Local(d, i, from + remaining);
                }

                remaining -= available;
            }
        }
    }

    /// <summary>The local day number of an instant; the year last walked usually answers it without a conversion.</summary>
    private int LocalDay(DateTimeOffset instant) =>
        _lastYear?.LocalDay(instant) ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime).DayNumber;

    /// <summary>The resolved local year holding <paramref name="dayNumber"/>, made on first use.</summary>
    private WorkingYear Year(int dayNumber)
    {
        var last = _lastYear;
        if (last is not null && last.Contains(dayNumber))
        {
            return last;
        }

        var year = _years.GetOrAdd(DateOnly.FromDayNumber(dayNumber).Year, static (y, calendar) => new WorkingYear(y, calendar.TimeZone, calendar._hours, calendar.IsWorkingDay), this);
        _lastYear = year;
        return year;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
