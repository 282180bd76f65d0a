namespace HongqiFlow.Runtime;

/// <summary>The command was accepted: the events to append and the state they fold into. No events for a duplicate or a stale timer.</summary>
public sealed record Accepted(IReadOnlyList<CaseEvent> Events, CaseState NewState) : Decision;
