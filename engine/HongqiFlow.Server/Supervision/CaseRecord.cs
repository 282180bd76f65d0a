using HongqiFlow.Runtime;

namespace HongqiFlow.Server.Supervision;

/// <summary>
/// A case as supervision reads it: its definition, its history and the state the history folds into. A record
/// never changes (a new version of the case is a new record), so what the indicators need of it is worked out once:
/// for good when its clock no longer moves, per request (<see cref="Facts"/>) only while it runs.
/// </summary>
public sealed class CaseRecord(CompiledDefinition definition, IReadOnlyList<CaseEvent> history, CaseState state)
{
    private CaseFacts? _settled;

    public CompiledDefinition Definition { get; } = definition;

    public IReadOnlyList<CaseEvent> History { get; } = history;

    public CaseState State { get; } = state;

    public DateTimeOffset StartedAt => History.Count > 0 ? History[0].At : DateTimeOffset.MinValue;

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
