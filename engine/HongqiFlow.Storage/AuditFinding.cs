namespace HongqiFlow.Storage;

/// <summary>The first event of a case whose stored content no longer matches its hash chain.</summary>
/// <param name="Version">The first altered (or missing) event's version; for an altered snapshot, the version of its head event.</param>
/// <param name="Reason">Why, in words an auditor reads.</param>
public sealed record AuditFinding(string CaseId, long Version, string Reason)
{
    /// <summary>The reason given for a snapshot that no longer matches the seal written with event <paramref name="version"/>.</summary>
    public static string SnapshotAltered(long version) =>
        $"the stored snapshot (what the case view and the progress page show) does not match the seal written with event {version}: it was changed outside the engine";
}
