namespace HongqiFlow.Storage;

/// <summary>An event as the history holds it, with its place in the case's hash chain.</summary>
/// <param name="Version">1 for the first event of a case, then one more for each event.</param>
/// <param name="Hash">SHA-256 (lower-case hex) of the canonical content, which includes <paramref name="PreviousHash"/>.</param>
/// <param name="PreviousHash">The hash of the event before, or <see cref="AuditChain.Genesis"/> for the first.</param>
public sealed record StoredEvent(
    string CaseId,
    long Version,
    string Type,
    string PayloadJson,
    DateTimeOffset OccurredAt,
    string Hash,
    string PreviousHash);
