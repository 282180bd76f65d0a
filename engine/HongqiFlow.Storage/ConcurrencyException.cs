namespace HongqiFlow.Storage;

/// <summary>
/// The case changed since the command was decided (or a case with that id already exists). Transient:
/// load the case again, decide again, append again.
/// </summary>
public sealed class ConcurrencyException : StorageException
{
    public ConcurrencyException(string caseId, long expectedVersion, long actualVersion)
        : base(expectedVersion == 0
            ? $"case '{caseId}' already exists (version {actualVersion}); a new case must have a new id"
            : $"case '{caseId}' is at version {actualVersion}, not {expectedVersion}: it changed since the command was decided; load it and decide again")
    {
        CaseId = caseId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    public string CaseId { get; }

    public long ExpectedVersion { get; }

    /// <summary>The version found; 0 when the case does not exist.</summary>
    public long ActualVersion { get; }
}
