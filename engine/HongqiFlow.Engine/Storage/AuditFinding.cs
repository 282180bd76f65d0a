namespace HongqiFlow.Storage;

/// <summary>The first event of a case whose stored content no longer matches its hash chain.</summary>
/// <param name="Version">The first altered (or missing) event's version.</param>
/// <param name="Reason">Why, in words an auditor reads.</param>
public sealed record AuditFinding(string CaseId, long Version, string Reason);
