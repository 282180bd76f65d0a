using HongqiFlow.Storage;

namespace HongqiFlow.Testing;

/// <summary>The operations audit (安全审计) in memory, under the same lock as the cases.</summary>
public sealed partial class InMemoryCaseStore : IOperationsLog
{
    private readonly List<StoredOperation> _operations = [];

    public Task<StoredOperation> AppendOperationAsync(OperationRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            var head = _operations.Count == 0 ? (0L, OperationsChain.Genesis) : (_operations[^1].Sequence, _operations[^1].Hash);
            var stored = OperationsChain.Next(head.Item1, head.Item2, record);
            _operations.Add(stored);
            return Task.FromResult(stored);
        }
    }

    public Task<OperationPage> QueryOperationsAsync(OperationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var matching = _operations.Where(o =>
                    (string.IsNullOrEmpty(query.Actor) || o.Actor == query.Actor)
                    && (string.IsNullOrEmpty(query.Operation) || o.Operation == query.Operation)
                    && (string.IsNullOrEmpty(query.Result) || o.Result == query.Result)
                    && (query.From is not { } from || o.At >= from)
                    && (query.To is not { } to || o.At < to)
                    && (string.IsNullOrEmpty(query.Text) || o.Target.Contains(query.Text, StringComparison.Ordinal) || o.Detail.Contains(query.Text, StringComparison.Ordinal)))
                .ToList();
            var page = matching.Where(o => query.Before is not { } before || o.Sequence < before).OrderByDescending(o => o.Sequence).Take(query.Limit).ToList();
            return Task.FromResult(new OperationPage(page, matching.Count, page.Count == query.Limit && page.Count > 0 ? page[^1].Sequence : null));
        }
    }

    public Task<IReadOnlyList<OperationsFinding>> VerifyOperationsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var verifier = new OperationsVerifier();
            foreach (var o in _operations)
            {
                verifier.Add(o);
            }

            var finding = _operations.Count == 0 ? verifier.Finding : verifier.Finish(_operations[^1].Sequence, _operations[^1].Hash);
            IReadOnlyList<OperationsFinding> findings = finding is null ? [] : [finding];
            return Task.FromResult(findings);
        }
    }

    /// <summary>Edits a recorded operation's detail behind the store's back, as a hand edit of a database row would.</summary>
    public void TamperWithOperation(long sequence, string detail)
    {
        lock (_gate)
        {
            var i = _operations.FindIndex(o => o.Sequence == sequence);
            _operations[i] = _operations[i] with { Detail = detail };
        }
    }

    /// <summary>Removes a recorded operation behind the store's back.</summary>
    public void RemoveOperation(long sequence)
    {
        lock (_gate)
        {
            _operations.RemoveAll(o => o.Sequence == sequence);
        }
    }
}
