using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Time;

/// <summary>
/// One year file of the holiday-cn project (NateScarlet/holiday-cn, MIT), the State Council notice in data form.
/// A notice may list a day of the neighbouring year (the 2023 notice starts New Year's holiday on 2022-12-31).
/// </summary>
public sealed record HolidayCnYear(int Year, ValueList<CalendarDay> Holidays, ValueList<CalendarDay> MakeUpDays, ValueList<string> Papers)
{
    /// <summary>Every date the notice speaks about.</summary>
    public IEnumerable<DateOnly> Dates => Holidays.Select(d => d.Date).Concat(MakeUpDays.Select(d => d.Date));
}
