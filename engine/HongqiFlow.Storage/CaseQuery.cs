namespace HongqiFlow.Storage;

/// <summary>Filters and key-set paging for <see cref="ICaseStore.ListCasesAsync"/>; results are ordered by case id.</summary>
/// <param name="Status">Only cases with this status, when set.</param>
/// <param name="DefinitionId">Only cases of this definition, when set.</param>
/// <param name="AfterCaseId">The last case id of the previous page, when paging.</param>
/// <param name="Limit">At most this many rows.</param>
public sealed record CaseQuery(string? Status = null, string? DefinitionId = null, string? AfterCaseId = null, int Limit = 100);
