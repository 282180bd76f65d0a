namespace HongqiFlow.Time;

/// <summary>
/// Working-time arithmetic on one calendar (工作日历): working weekdays, working hours, holidays and make-up days.
/// All instants are absolute; the calendar's time zone decides which local day and hour they fall on.
/// </summary>
public interface IWorkingCalendar
{
    string Id { get; }

    TimeZoneInfo TimeZone { get; }

    /// <summary>The working time of one ordinary working day (e.g. 7h for 09:00–12:00 and 13:00–17:00): what 1wd means.</summary>
    TimeSpan WorkingDayLength { get; }

    /// <summary>True on working weekdays that are not holidays, and on make-up working days (调休).</summary>
    bool IsWorkingDay(DateOnly date);

    /// <summary>How this calendar counts limits in working days unless an item says otherwise (<see cref="Deadlines"/>).</summary>
    DayCounting DayCounting => DayCounting.WholeDays;

    /// <summary>
    /// The instant <paramref name="duration"/> after <paramref name="start"/>: working units count only working time
    /// (a start outside working hours begins at the next working moment); natural units are plain time.
    /// </summary>
    DateTimeOffset Add(DateTimeOffset start, Duration duration);

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to);

    /// <summary>Working time between two instants with the given paused intervals removed (they may overlap or be open-ended at <paramref name="to"/>).</summary>
    TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to, IEnumerable<(DateTimeOffset From, DateTimeOffset To)> pauses);
}
