namespace HongqiFlow.Storage;

/// <summary>The first result stored under an idempotency key: the case it went to, the version it reached and its result document.</summary>
public sealed record StoredResult(string CaseId, long Version, string ResultJson);
