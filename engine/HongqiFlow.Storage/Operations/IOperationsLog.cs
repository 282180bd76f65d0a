namespace HongqiFlow.Storage;

/// <summary>
/// The operations audit (安全审计): an append-only, SM3 hash-chained log of every operation that is not a case event.
/// There is deliberately no way to change or remove an entry; the SQL stores also refuse UPDATE and DELETE on the
/// table with triggers.
/// </summary>
public interface IOperationsLog
{
    /// <summary>Appends one record at the end of the chain and returns it as stored.</summary>
    Task<StoredOperation> AppendOperationAsync(OperationRecord record, CancellationToken cancellationToken = default);

    /// <summary>Searches the log, newest first.</summary>
    Task<OperationPage> QueryOperationsAsync(OperationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Recomputes the chain from the first entry: empty when intact, else where it broke.</summary>
    Task<IReadOnlyList<OperationsFinding>> VerifyOperationsAsync(CancellationToken cancellationToken = default);
}
