namespace HongqiFlow.Storage;

/// <summary>The case state after an append, stored beside the history so a load needs no replay.</summary>
/// <param name="StateJson">The serialised case state.</param>
/// <param name="Status">A short status for work lists (e.g. <c>running</c>, <c>closed</c>); filterable in <see cref="CaseQuery"/>.</param>
public sealed record SnapshotRecord(string StateJson, string Status);
