using HongqiFlow.Runtime;

namespace HongqiFlow.Server.Supervision;

/// <summary>
/// A case as supervision reads it: its definition, the state its history folds into, and what the indicators need of
/// that history (<see cref="HistoryFacts"/>), worked out once when the record is made — the history itself is not
/// kept, as it is most of a case's memory and nothing after that reads it. A record never changes (a new version of
/// the case is a new record); <see cref="Facts"/> adds the clock, read for good once it no longer moves.
/// </summary>
public sealed class CaseRecord
{
    private CaseFacts? _settled;

    public CaseRecord(CompiledDefinition definition, IReadOnlyList<CaseEvent> history, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(state);
        Definition = definition;
        State = state;
        HistoryFacts = CaseHistoryFacts.Of(definition, state, history);
    }

    public CompiledDefinition Definition { get; }

    public CaseState State { get; }

    public CaseHistoryFacts HistoryFacts { get; }

    public DateTimeOffset StartedAt => HistoryFacts.StartedAt;

    /// <summary>The case's facts at <paramref name="now"/>; kept once they no longer depend on it.</summary>
    public CaseFacts Facts(DateTimeOffset now)
    {
        if (_settled is { } settled)
        {
            return settled;
        }

        var facts = CaseFacts.Of(this, now);
        if (!State.Clock.Started || State.Clock.StoppedAt is not null)
        {
            _settled = facts;
        }

        return facts;
    }
}

/// <summary>What the indicators and tickets need of a case's history.</summary>
public sealed record CaseHistoryFacts(
    DateTimeOffset StartedAt,
    bool SubmittedTwice,
    int Visits,
    bool NoticeComplete,
    int Steps,
    bool Automatic,
    bool Rectified,
    bool FedBack)
{
    /// <summary>差评核实 found the bad rating unfounded: no rectification is owed, only the follow-up.</summary>
    public bool Unfounded { get; init; }

    public static CaseHistoryFacts Of(CompiledDefinition definition, CaseState state, IReadOnlyList<CaseEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new CaseHistoryFacts(
            history.Count > 0 ? history[0].At : DateTimeOffset.MinValue,
            MetricsCalculator.SubmittedTwice(history),
            MetricsCalculator.Visits(definition, state, history),
            !history.Any(e => e.Type == CaseEventTypes.NoticeIncomplete),
            MetricsCalculator.Steps(history).Count,
            MetricsCalculator.Automatic(definition, history),
            history.Any(e => e.Type == BuiltInEvents.Rectify),
            history.Any(e => e.Type == BuiltInEvents.Feedback))
        {
            Unfounded = history.Any(e => e.Type == BuiltInEvents.VerifyRating && e.Data.GetString("result") == "unfounded"),
        };
    }
}
