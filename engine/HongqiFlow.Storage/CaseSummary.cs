namespace HongqiFlow.Storage;

/// <summary>One row of a case list (work lists, operations console).</summary>
public sealed record CaseSummary(
    string CaseId,
    string DefinitionId,
    string Status,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
