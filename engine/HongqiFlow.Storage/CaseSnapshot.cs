namespace HongqiFlow.Storage;

/// <summary>A loaded case: its latest snapshot and the version to pass as the next expected version.</summary>
public sealed record CaseSnapshot(
    string CaseId,
    string DefinitionId,
    long Version,
    string StateJson,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
