namespace HongqiFlow.Storage;

/// <summary>Checks one case's stored history against its chain; fed the events in version order.</summary>
public sealed class AuditVerifier
{
    private readonly string _caseId;
    private readonly ChainAlgorithm _algorithm;
    private long _expectedVersion = 1;
    private string _previous = AuditChain.Genesis;

    public AuditVerifier(string caseId, ChainAlgorithm algorithm = ChainAlgorithm.Sha256)
    {
        _caseId = caseId;
        _algorithm = algorithm;
    }

    public AuditFinding? Finding { get; private set; }

    public void Add(StoredEvent e)
    {
        if (Finding is not null)
        {
            return;
        }

        if (e.Version != _expectedVersion)
        {
            Finding = new AuditFinding(_caseId, _expectedVersion, $"event {_expectedVersion} is missing (the next stored event is {e.Version})");
            return;
        }

        if (e.PreviousHash != _previous)
        {
            Finding = new AuditFinding(_caseId, e.Version, $"event {e.Version} does not link to the hash of event {e.Version - 1}");
            return;
        }

        var recomputed = AuditChain.Hash(e.CaseId, e.Version, e.Type, e.OccurredAt, e.PayloadJson, e.PreviousHash, _algorithm);
        if (recomputed != e.Hash)
        {
            Finding = new AuditFinding(_caseId, e.Version, $"event {e.Version} ({e.Type}) was altered: its content no longer matches its hash");
            return;
        }

        _previous = e.Hash;
        _expectedVersion++;
    }

    /// <summary>Compares the end of the chain with the case row, which catches events deleted from the tail.</summary>
    public AuditFinding? Finish(long caseVersion, string headHash)
    {
        if (Finding is not null)
        {
            return Finding;
        }

        var last = _expectedVersion - 1;
        if (last != caseVersion)
        {
            Finding = new AuditFinding(_caseId, last + 1, $"the case is at version {caseVersion} but its history ends at event {last}");
        }
        else if (headHash != _previous)
        {
            Finding = new AuditFinding(_caseId, last, $"the case's recorded head hash does not match event {last}");
        }

        return Finding;
    }
}
