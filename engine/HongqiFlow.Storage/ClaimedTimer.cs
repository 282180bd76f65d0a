namespace HongqiFlow.Storage;

/// <summary>A due timer leased to one node until <see cref="LeaseUntil"/>.</summary>
/// <param name="Attempt">How many times the timer has been claimed, this claim included.</param>
public sealed record ClaimedTimer(
    string TimerId,
    string CaseId,
    string Kind,
    DateTimeOffset DueAt,
    string PayloadJson,
    string NodeId,
    DateTimeOffset LeaseUntil,
    int Attempt);
