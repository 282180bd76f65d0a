using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;

namespace HongqiFlow.Server.Supervision;

/// <summary>What the indicators need of one case (<see cref="MetricsCalculator"/> adds them up per scope).</summary>
public sealed record CaseFacts(
    bool Finished,
    bool Accepted,
    double? WorkingDays,
    bool Overdue,
    bool SubmittedTwice,
    int Visits,
    bool Noticed,
    bool NoticeComplete,
    int Steps,
    int OverdueSteps,
    bool Instant,
    bool Assisted,
    bool Online,
    bool Automatic,
    CaseRating? Rating,
    bool Rectified,
    bool FedBack)
{
    /// <summary>超过法定时限: the case is past its statutory limit (at its end, or now), beyond the promised one.</summary>
    public bool OverdueStatutory { get; init; }

    /// <summary>Every rating of the case (more than one only under 一次一评); <see cref="Rating"/> is the latest.</summary>
    public IReadOnlyList<CaseRating> Ratings { get; init; } = [];

    /// <summary>The case's bad rating was verified (核实) as unfounded: it owes no rectification.</summary>
    public bool Unfounded { get; init; }

    /// <summary>The facts of <paramref name="record"/> with its clock read at <paramref name="now"/> (at its stop, once stopped).</summary>
    public static CaseFacts Of(CaseRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (definition, past, state) = (record.Definition, record.HistoryFacts, record.State);
        var finished = state.Outcome is not null;
        var accepted = state.Clock.Started;
        var clock = accepted ? Engine.Clock(definition, state, state.Clock.StoppedAt ?? now) : null;
        return new CaseFacts(
            finished,
            accepted,
            finished && clock is not null ? clock.Elapsed / definition.Calendar.WorkingDayLength : null,
            clock?.OverduePromised ?? false,
            past.SubmittedTwice,
            past.Visits,
            state.NoticeGiven,
            past.NoticeComplete,
            past.Steps,
            state.Warnings.Where(w => w.Level == WarningLevel.Red && !CaseWarning.IsCaseWide(w.Scope)).Select(w => w.Scope).Distinct(StringComparer.Ordinal).Count(),
            definition.Definition.Item.Kind == ItemKind.Instant,
            state.Assisted || state.Channel == Channel.Assisted,
            state.Channel == Channel.Online,
            past.Automatic,
            state.Rating,
            past.Rectified,
            past.FedBack)
        {
            OverdueStatutory = clock?.OverdueStatutory ?? false,
            Ratings = state.AllRatings,
            Unfounded = past.Unfounded,
        };
    }
}
