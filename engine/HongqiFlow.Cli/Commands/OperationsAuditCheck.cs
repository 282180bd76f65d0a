using HongqiFlow.Storage;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// The operations audit's part of <c>hongqi audit verify</c>: recomputes the SM3 chain of the operations log (安全审计)
/// from its first entry and prints one line, or the entry where it broke.
/// </summary>
internal static class OperationsAuditCheck
{
    /// <summary>True when the log is intact (or the store keeps none).</summary>
    internal static async Task<bool> VerifyAsync(ICaseStore store, string where, TextWriter output, CancellationToken cancellationToken)
    {
        if (store is not IOperationsLog log)
        {
            return true;
        }

        var findings = await log.VerifyOperationsAsync(cancellationToken);
        if (findings.Count == 0)
        {
            var total = (await log.QueryOperationsAsync(new OperationQuery(Limit: 1), cancellationToken)).Total;
            await output.WriteLineAsync($"audit verify: {where}: the operations log is intact ({total} entries, SM3 chain)");
            return true;
        }

        foreach (var finding in findings)
        {
            await output.WriteLineAsync($"operations log: entry {finding.Sequence}: {finding.Reason}");
        }

        await output.WriteLineAsync($"audit verify: {where}: the operations log was altered");
        return false;
    }
}
