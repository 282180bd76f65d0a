namespace HongqiFlow.Storage;

/// <summary>
/// A case's stored snapshot does not match the seal written with its head event: it was changed outside the engine
/// (or the row was restored from elsewhere). The store refuses to hand it out, so nothing serves or decides on a
/// forged state; <c>hongqi audit verify</c> reports the same case.
/// </summary>
public sealed class SnapshotTamperedException : StorageException
{
    public SnapshotTamperedException(string caseId, long version)
        : base($"case '{caseId}': the stored snapshot at version {version} does not match the seal written with its history; it was changed outside the engine and is not served")
    {
        CaseId = caseId;
        Version = version;
    }

    public string CaseId { get; }

    public long Version { get; }
}
