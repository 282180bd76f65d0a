using HongqiFlow.Diagnostics;
using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>
/// The case kept changing under the command (other nodes wrote it on every retry) or the commands queued before it
/// on this node did not finish in time: nothing was written, and the same command may be sent again (HTTP 503 with
/// Retry-After). Never a lost or a doubled command: an idempotency key makes the retry safe.
/// </summary>
public sealed class CaseBusyException : HongqiFlowException
{
    public CaseBusyException(string caseId, ConcurrencyException inner)
        : base($"case '{caseId}' was changed by other writers on every attempt; nothing was written, send the command again", inner) => CaseId = caseId;

    public CaseBusyException(string caseId, TimeSpan waited)
        : base($"case '{caseId}' is busy: the commands before this one did not finish within {waited.TotalSeconds:0} s; nothing was written, send the command again") => CaseId = caseId;

    public string CaseId { get; }
}
