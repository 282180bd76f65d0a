namespace HongqiFlow.Storage;

/// <summary>
/// A draft was saved over a revision that is no longer the latest: someone else saved in between (a second
/// browser). The caller reloads the draft and merges; nothing was written.
/// </summary>
public sealed class DraftConflictException : StorageException
{
    public DraftConflictException(string code, int baseRevision, int currentRevision)
        : base(currentRevision == 0
            ? $"the draft of '{code}' does not exist (saved over revision {baseRevision}); save it with base revision 0"
            : $"the draft of '{code}' is at revision {currentRevision}, not {baseRevision}: it was saved by someone else meanwhile; reload it and save again")
    {
        Code = code;
        BaseRevision = baseRevision;
        CurrentRevision = currentRevision;
    }

    public string Code { get; }

    public int BaseRevision { get; }

    /// <summary>The revision found; 0 when there is no draft.</summary>
    public int CurrentRevision { get; }
}
