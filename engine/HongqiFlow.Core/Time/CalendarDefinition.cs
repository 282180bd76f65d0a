using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Time;

/// <summary>
/// A calendar file as written (definitions/calendars/&lt;id&gt;.yaml): the data <see cref="WorkingCalendar"/> computes with.
/// Holidays and make-up days are kept sorted by date so that equal files compare equal and write identically.
/// </summary>
public sealed record CalendarDefinition
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>IANA time zone id, e.g. Asia/Shanghai; decides which local day and hour an instant falls on.</summary>
    public required string TimeZone { get; init; }

    /// <summary>Ordinary working weekdays, Monday first.</summary>
    public required ValueList<DayOfWeek> WorkingWeekdays { get; init; }

    /// <summary>Working intervals of a working day, sorted and not overlapping.</summary>
    public required ValueList<WorkingHours> WorkingHours { get; init; }

    /// <summary>节假日: days off even when they fall on a working weekday.</summary>
    public ValueList<CalendarDay> Holidays { get; init; } = ValueList<CalendarDay>.Empty;

    /// <summary>调休上班: days worked even when they fall on a weekend.</summary>
    public ValueList<CalendarDay> MakeUpDays { get; init; } = ValueList<CalendarDay>.Empty;

    /// <summary>How limits in working days are counted on this calendar (<c>dayCounting</c>); the law's whole days unless set.</summary>
    public DayCounting DayCounting { get; init; } = DayCounting.WholeDays;

    public ValueList<HolidayNotice> Notices { get; init; } = ValueList<HolidayNotice>.Empty;

    /// <summary>Where the file was read from; not part of the calendar's value.</summary>
    public SourceLocation At { get; init; } = SourceLocation.None;

    public bool Equals(CalendarDefinition? other) =>
        other is not null && Id == other.Id && Name == other.Name && TimeZone == other.TimeZone
        && WorkingWeekdays == other.WorkingWeekdays && WorkingHours == other.WorkingHours && DayCounting == other.DayCounting
        && Holidays == other.Holidays && MakeUpDays == other.MakeUpDays && Notices == other.Notices;

    public override int GetHashCode() => HashCode.Combine(Id, TimeZone, Holidays, MakeUpDays);
}
