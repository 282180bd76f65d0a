namespace HongqiFlow.Time;

/// <summary>
/// One local year of a <see cref="WorkingCalendar"/>, resolved once: whether each day is a working day and the instants
/// (UTC ticks) its working intervals begin and end. Time-zone conversion and holiday lookups are the expensive part of
/// working-time arithmetic; doing them once per day of the year, instead of once per day walked per call, makes a
/// 20wd deadline a walk over plain arrays. Immutable after construction, so threads may share it.
/// </summary>
internal sealed class WorkingYear
{
    /// <summary>Marks an interval whose UTC offset changes inside it (a daylight-saving jump in working hours).</summary>
    private const long OffsetChanges = long.MinValue;

    private readonly bool[] _working;
    private readonly long[] _start;
    private readonly long[] _end;
    private readonly long[] _offset;
    private readonly TimeZoneInfo _zone;

    public WorkingYear(int year, TimeZoneInfo zone, IReadOnlyList<WorkingHours> hours, Func<DateOnly, bool> isWorkingDay)
    {
        // Year 1 and 9999 have days whose working hours fall outside DateTime's range; no case lives there.
        if (year is < 2 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "working-time arithmetic covers the years 2 to 9998");
        }

        _zone = zone;
        var first = new DateOnly(year, 1, 1);
        FirstDay = first.DayNumber;
        Days = DateTime.IsLeapYear(year) ? 366 : 365;
        Intervals = hours.Count;
        _working = new bool[Days];
        _start = new long[Days * Intervals];
        _end = new long[Days * Intervals];
        _offset = new long[Days * Intervals];
        // One offset at every local midnight of the year and the next 1 January means no offset change inside it:
        // a zone never jumps and jumps back within one day.
        var midnight = zone.GetUtcOffset(At(first, TimeSpan.Zero, zone));
        var fixedOffset = true;
        for (var d = 0; d < Days; d++)
        {
            var date = first.AddDays(d);
            fixedOffset &= zone.GetUtcOffset(At(date.AddDays(1), TimeSpan.Zero, zone)) == midnight;
            _working[d] = isWorkingDay(date);
            if (!_working[d])
            {
                continue;
            }

            for (var i = 0; i < Intervals; i++)
            {
                var k = (d * Intervals) + i;
                var start = At(date, hours[i].Start);
                var end = At(date, hours[i].End);
                _start[k] = start.UtcTicks;
                _end[k] = end.UtcTicks;
                var offset = zone.GetUtcOffset(start);
                _offset[k] = offset == zone.GetUtcOffset(end) ? offset.Ticks : OffsetChanges;
            }
        }

        FixedOffset = fixedOffset ? midnight : null;
    }

    /// <summary>The zone's offset all year, when it does not change during the year.</summary>
    public TimeSpan? FixedOffset { get; }

    /// <summary><see cref="DateOnly.DayNumber"/> of 1 January.</summary>
    public int FirstDay { get; }

    public int Days { get; }

    /// <summary>Working intervals per day (e.g. 2 for 09:00–12:00 and 13:00–17:00).</summary>
    public int Intervals { get; }

    public bool Contains(int dayNumber) => dayNumber >= FirstDay && dayNumber < FirstDay + Days;

    /// <summary>
    /// The local day number of an instant, without a time-zone conversion, when the offset is fixed all year and the
    /// instant falls in the year; otherwise null.
    /// </summary>
    public int? LocalDay(DateTimeOffset instant)
    {
        if (FixedOffset is not { } offset)
        {
            return null;
        }

        var day = (int)((instant.UtcTicks + offset.Ticks) / TimeSpan.TicksPerDay);
        return Contains(day) ? day : null;
    }

    /// <summary>Whether the day (an index from 1 January) is a working day.</summary>
    public bool IsWorking(int day) => _working[day];

    /// <summary>UTC ticks of the start of interval <paramref name="interval"/> on <paramref name="day"/>.</summary>
    public long Start(int day, int interval) => _start[(day * Intervals) + interval];

    public long End(int day, int interval) => _end[(day * Intervals) + interval];

    /// <summary>The instant <paramref name="utcTicks"/> inside the given interval, in the zone's offset at that instant.</summary>
    public DateTimeOffset Local(int day, int interval, long utcTicks)
    {
        var offset = _offset[(day * Intervals) + interval];
        var utc = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return offset == OffsetChanges ? TimeZoneInfo.ConvertTime(utc, _zone) : utc.ToOffset(TimeSpan.FromTicks(offset));
    }

    /// <summary>The instant of a local wall-clock time; a time skipped by a daylight-saving jump takes the standard offset.</summary>
    internal static DateTimeOffset At(DateOnly date, TimeSpan sinceMidnight, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue) + sinceMidnight;
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private DateTimeOffset At(DateOnly date, TimeSpan sinceMidnight) => At(date, sinceMidnight, _zone);
}
