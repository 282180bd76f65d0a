using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Parsing;
using HongqiFlow.Diagnostics;
using HongqiFlow.Time;

namespace HongqiFlow.Definitions.Validation;

/// <summary>
/// What a service item is checked against besides itself: the deployment's directory, the calendars that exist,
/// and optional hooks so expression checking and finer source locations plug in without a hard dependency.
/// </summary>
public sealed record ValidationContext
{
    /// <summary>Departments, data sources and shared templates an item may name.</summary>
    public OrganizationDirectory Organization { get; init; } = OrganizationDirectory.Empty;

    /// <summary>Calendar ids that exist (files under definitions/calendars); null skips the calendar check.</summary>
    public IReadOnlyCollection<string>? CalendarIds { get; init; }

    /// <summary>
    /// The working time of one working day on a calendar (what 1wd means there), used to compare wd with wh.
    /// Null, or null for a calendar, means the length is unknown and such limits are reported as not comparable.
    /// </summary>
    public Func<string, TimeSpan?>? WorkingDayLength { get; init; }

    /// <summary>Checks every guard (syntax, forbidden APIs) and returns located diagnostics; usually <c>GuardCompiler.Check</c>.</summary>
    public Func<IReadOnlyList<ExpressionSource>, IReadOnlyList<Diagnostic>>? CheckExpressions { get; init; }

    /// <summary>
    /// Finds where the node at a document path (e.g. <c>/states/approval/onDone</c>) is written, when the reader
    /// keeps a source map; lets a diagnostic point at the offending value instead of its enclosing node.
    /// </summary>
    public Func<string, SourceLocation?>? Locate { get; init; }

    /// <summary>This context, locating values through the source map the reader returned with the item.</summary>
    public ValidationContext WithSourceMap(SourceMap sourceMap)
    {
        ArgumentNullException.ThrowIfNull(sourceMap);
        return this with { Locate = path => sourceMap.TryGet(path, out var entry) ? entry.Value : null };
    }

    /// <summary>This context, knowing the registry's calendar ids and each calendar's working-day length.</summary>
    public ValidationContext WithCalendars(CalendarRegistry calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        return this with
        {
            CalendarIds = calendars.Ids,
            WorkingDayLength = id => calendars.TryGet(id, out var calendar) ? calendar.WorkingDayLength : null,
        };
    }
}
