namespace HongqiFlow.Storage;

/// <summary>A timer as stored, for inspection (operations console, tests).</summary>
public sealed record TimerEntry(
    string TimerId,
    string CaseId,
    string Kind,
    DateTimeOffset DueAt,
    TimerState State,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil,
    int Attempts);
