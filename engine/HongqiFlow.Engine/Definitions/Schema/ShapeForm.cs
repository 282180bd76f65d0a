namespace HongqiFlow.Definitions.Schema;

/// <summary>The YAML forms the schema generator writes by hand after NJsonSchema has described the plain ones.</summary>
internal enum ShapeForm
{
    /// <summary><c>5wd</c>, <c>3wh</c>, <c>30d</c>, <c>2h</c>, <c>15min</c>.</summary>
    Duration,

    /// <summary>A list of durations.</summary>
    DurationList,

    /// <summary><c>75%</c> or a fraction such as 0.75.</summary>
    Percent,

    /// <summary>One name or a list of names (<c>by: window</c> or <c>by: [applicant, window]</c>).</summary>
    NameOrList,

    /// <summary>A guard: JavaScript text, or <c>{ js: ... }</c> / <c>{ csharp: ... }</c>.</summary>
    Guard,

    /// <summary><c>on:</c> event → a target, a full transition, or a list of either.</summary>
    Transitions,

    /// <summary><c>after:</c> duration → target state.</summary>
    Timers,

    /// <summary><c>all</c>, <c>any</c> or <c>{ atLeast: N }</c>.</summary>
    Join,

    /// <summary><c>enter STATE</c>, <c>event NAME</c>, <c>warning yellow|red</c>, <c>obligation ID opened|due|overdue|breached|fulfilled</c>.</summary>
    NotifyTrigger,

    /// <summary>A whole number (<c>2</c>) or a percentage (<c>67%</c>).</summary>
    CountOrPercent,
}
