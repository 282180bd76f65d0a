using HongqiFlow.Runtime;

namespace HongqiFlow.Server.Supervision;

/// <summary>A case as supervision reads it: its definition, its history and the state the history folds into.</summary>
public sealed record CaseRecord(CompiledDefinition Definition, IReadOnlyList<CaseEvent> History, CaseState State)
{
    public DateTimeOffset StartedAt => History.Count > 0 ? History[0].At : DateTimeOffset.MinValue;
}
