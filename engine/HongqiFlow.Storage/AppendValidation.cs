namespace HongqiFlow.Storage;

/// <summary>Caller mistakes in an append, rejected before any store is touched.</summary>
public static class AppendValidation
{
    public static void Validate(AppendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CaseId, "request.CaseId");
        ArgumentOutOfRangeException.ThrowIfNegative(request.ExpectedVersion, "request.ExpectedVersion");
        if (request.ExpectedVersion == 0 && string.IsNullOrWhiteSpace(request.DefinitionId))
        {
            throw new ArgumentException($"case '{request.CaseId}': a new case (expected version 0) needs a DefinitionId", nameof(request));
        }

        Unique(request.TimersToSchedule.Select(t => t.TimerId), "timer id", request.CaseId);
        Unique(request.Outbox.Select(o => o.MessageId), "outbox message id", request.CaseId);
    }

    private static void Unique(IEnumerable<string> ids, string what, string caseId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(id, what);
            if (!seen.Add(id))
            {
                throw new ArgumentException($"case '{caseId}': {what} '{id}' appears twice in one append", nameof(ids));
            }
        }
    }
}
