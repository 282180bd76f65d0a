namespace HongqiFlow.Time;

/// <summary>Units a definition may use. Working units are counted on the item's calendar.</summary>
public enum DurationUnit
{
    /// <summary><c>wd</c>: working days (工作日), one day = the calendar's daily working hours.</summary>
    WorkingDays,

    /// <summary><c>wh</c>: working hours, inside the calendar's working hours only.</summary>
    WorkingHours,

    /// <summary><c>d</c>: natural days (自然日).</summary>
    Days,

    /// <summary><c>h</c>: natural hours.</summary>
    Hours,

    /// <summary><c>min</c>: natural minutes.</summary>
    Minutes,
}
