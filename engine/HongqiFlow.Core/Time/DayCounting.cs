namespace HongqiFlow.Time;

/// <summary>
/// How a limit in working days meets the calendar (docs/calendars.md). Written <c>whole-days</c> or <c>elapsed</c> in a
/// calendar file (<c>dayCounting</c>) and in an item's <c>timeLimit.dayCounting</c>, which overrides the calendar's.
/// </summary>
public enum DayCounting
{
    /// <summary>
    /// <c>whole-days</c>, the law's count (民法典 第二百零一条、第二百零三条, 行政许可法 第八十二条): the day the period starts
    /// on is not counted; the whole working days run from the first working day after it and end at close of business of
    /// the last one. Only for limits of at least 1wd; <c>wh</c> and a limit under one working day count elapsed time.
    /// </summary>
    WholeDays,

    /// <summary><c>elapsed</c>: working time from the very moment the period starts (3wd = 21 working hours later).</summary>
    Elapsed,
}

/// <summary>The written names of <see cref="DayCounting"/>.</summary>
public static class DayCountingNames
{
    public const string WholeDays = "whole-days";

    public const string Elapsed = "elapsed";

    public static IReadOnlyList<string> All { get; } = [WholeDays, Elapsed];

    public static string Name(this DayCounting rule) => rule == DayCounting.Elapsed ? Elapsed : WholeDays;

    public static bool TryParse(string? text, out DayCounting rule)
    {
        rule = text == Elapsed ? DayCounting.Elapsed : DayCounting.WholeDays;
        return text is WholeDays or Elapsed;
    }
}
