using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Cases;
using HongqiFlow.Storage;

namespace HongqiFlow.Server.Supervision;

/// <summary>Reads every case with its history (metrics and tickets are computed from histories, never from counters).</summary>
public sealed class CaseRecords(ICaseStore store, CaseService cases, DefinitionRegistry registry)
{
    public async Task<IReadOnlyList<CaseRecord>> ReadAsync(string? status, CancellationToken ct)
    {
        var records = new List<CaseRecord>();
        await foreach (var row in WorklistEndpoints.RunningCasesAsync(store, ct, status))
        {
            var definition = await registry.ForCaseAsync(row.DefinitionId, ct);
            var history = await cases.HistoryAsync(row.CaseId, ct);
            records.Add(new CaseRecord(definition, history, Engine.Replay(definition, row.CaseId, history)));
        }

        return records;
    }
}
