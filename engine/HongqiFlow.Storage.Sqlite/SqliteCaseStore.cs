using System.Data.Common;
using System.Threading.Channels;
using HongqiFlow.Progress;
using HongqiFlow.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace HongqiFlow.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Every write goes through one writer connection fed by a
/// channel; whatever is queued when the writer is free is committed in ONE transaction (group commit), yet a
/// conflicting write fails alone (see <see cref="CommitBatchAsync"/>). The writer keeps its statements compiled
/// for its whole life. Readers use their own pooled connections.
/// One process owns the file; several nodes share PostgreSQL instead.
/// </summary>
public sealed partial class SqliteCaseStore : ICaseStore, IDefinitionStore, IChainAlgorithmChoice
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private const string Savepoint = "SAVEPOINT op";
    private const string ReleaseSavepoint = "RELEASE op";
    private const string RollbackToSavepoint = "ROLLBACK TO op";

    // Synchronous continuations: a submitter that finds the writer idle runs the writer loop on its own thread, so a
    // lone command pays no thread hop to the writer and none back (its result is already set when its await begins).
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly PreparedCommands _prepared;
    private readonly int _maxBatch;
    private readonly Task _writerLoop;

    private SqliteCaseStore(string filePath, string connectionString, SqliteConnection writer, int maxBatch)
    {
        FilePath = filePath;
        _connectionString = connectionString;
        _writer = writer;
        _prepared = new PreparedCommands(writer);
        _maxBatch = Math.Max(1, maxBatch);
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    public string FilePath { get; }

    /// <summary>The chain algorithm of cases created from now on (<see cref="ChainAlgorithms.Default"/>: SM3); existing cases keep theirs.</summary>
    public ChainAlgorithm NewCaseChains { get; set; } = ChainAlgorithms.Default;

    /// <summary>The schema version this build migrates a store to: the last of the numbered migrations.</summary>
    public static int LatestSchemaVersion => SqliteSchema.Migrations.Max(m => m.Version);

    /// <summary>Opens (creating when missing) the file, sets WAL and the synchronous level, and applies migrations.</summary>
    public static Task<SqliteCaseStore> OpenAsync(SqliteCaseStoreOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        OpenAsync(options, time, OperationProgress.None, cancellationToken);

    /// <summary>
    /// The same, counting the migrations applied on <paramref name="progress"/>. A file migrated by a newer build is
    /// refused (<see cref="StoreSchemaTooNewException"/>) before anything is written.
    /// </summary>
    public static async Task<SqliteCaseStore> OpenAsync(SqliteCaseStoreOptions options, TimeProvider? time, IOperationProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.GetFullPath(options.FilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        var writer = new SqliteConnection(connectionString);
        try
        {
            await writer.OpenAsync(cancellationToken);
            var synchronous = options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
            await SqlCommands.ExecuteAsync(writer, null, $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = 5000;", cancellationToken);
            SqliteSchema.AddFunctions(writer);
            await SchemaMigrator.ApplyAsync(writer, SqliteSchema.Migrations, null, (time ?? TimeProvider.System).GetUtcNow(), path, progress, cancellationToken);
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }

        return new SqliteCaseStore(path, connectionString, writer, options.MaxBatchSize) { NewCaseChains = options.NewCaseChains };
    }

    public async Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        AppendValidation.Validate(request);
        return await WriteAsync((c, tx) => SqliteEventRows.AppendAsync(c, tx, _prepared, request, NewCaseChains, CancellationToken.None), cancellationToken);
    }

    public async Task<CaseSnapshot?> LoadAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlCaseOperations.LoadAsync(c, caseId, cancellationToken);
    }

    public async Task<StoredResult?> FindResultAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqliteEventRows.FindResultAsync(c, idempotencyKey, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadHistoryAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlCaseOperations.ReadHistoryAsync(c, caseId, cancellationToken);
    }

    public async Task<IReadOnlyList<CaseSummary>> ListCasesAsync(CaseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlCaseOperations.ListCasesAsync(c, query, cancellationToken);
    }

    public Task<IReadOnlyList<ClaimedTimer>> ClaimDueTimersAsync(DateTimeOffset now, string nodeId, TimeSpan lease, int max, CancellationToken cancellationToken = default) =>
        WriteAsync((c, tx) => SqliteEventRows.ClaimDueTimersAsync(c, tx, now, nodeId, lease, max, CancellationToken.None), cancellationToken);

    public Task<bool> CompleteTimerAsync(TimerCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return WriteAsync(async (c, tx) => await SqliteEventRows.CompleteTimerAsync(c, tx, completion, CancellationToken.None) == 1, cancellationToken);
    }

    public async Task<IReadOnlyList<TimerEntry>> ListTimersAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqliteEventRows.ListTimersAsync(c, caseId, cancellationToken);
    }

    public Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(DateTimeOffset now, string nodeId, TimeSpan lease, int max, CancellationToken cancellationToken = default) =>
        WriteAsync((c, tx) => SqliteEventRows.ClaimOutboxAsync(c, tx, now, nodeId, lease, max, CancellationToken.None), cancellationToken);

    public Task MarkDeliveredAsync(string messageId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync((c, tx) => SqliteEventRows.MarkDeliveredAsync(c, tx, messageId, now, CancellationToken.None), cancellationToken);

    public Task MarkDeliveredAsync(IReadOnlyList<string> messageIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        return messageIds.Count == 0
            ? Task.CompletedTask
            : WriteAsync((c, tx) => SqliteEventRows.MarkDeliveredAsync(c, tx, messageIds, now, CancellationToken.None), cancellationToken);
    }

    public Task<OutboxState> MarkFailedAsync(string messageId, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
        WriteAsync((c, tx) => SqliteEventRows.MarkFailedAsync(c, tx, messageId, error, retryAt, CancellationToken.None), cancellationToken);

    public async Task<IReadOnlyList<OutboxEntry>> QueryOutboxAsync(OutboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqliteEventRows.QueryOutboxAsync(c, query, cancellationToken);
    }

    public Task<IReadOnlyList<AuditFinding>> VerifyAuditAsync(CancellationToken cancellationToken = default) =>
        VerifyAuditAsync(OperationProgress.None, cancellationToken);

    public async Task<IReadOnlyList<AuditFinding>> VerifyAuditAsync(IOperationProgress progress, CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SqlCaseOperations.VerifyAuditAsync(c, progress, cancellationToken);
    }

    /// <summary>The schema versions recorded in <c>schema_migrations</c>.</summary>
    public async Task<IReadOnlyList<int>> SchemaVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await OpenReaderAsync(cancellationToken);
        return await SchemaMigrator.AppliedVersionsAsync(c, cancellationToken);
    }

    /// <summary>
    /// Copies the live database into <paramref name="destinationPath"/> with SQLite's online backup, which is
    /// consistent while the store keeps writing.
    /// </summary>
    public async Task BackupAsync(string destinationPath, CancellationToken cancellationToken = default)
    {
        await using var source = await OpenReaderAsync(cancellationToken);
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(destinationPath), Pooling = false }.ToString());
        await destination.OpenAsync(cancellationToken);
        source.BackupDatabase(destination);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writerLoop;
        await _prepared.DisposeAsync();
        await _writer.DisposeAsync();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct);
        return c;
    }

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, DbTransaction, Task<T>> run, CancellationToken ct)
    {
        var operation = new WriteOperation(async (c, tx) => await run(c, tx), ct);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(operation), this);

        return (T)(await operation.Completion.Task)!;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<WriteOperation>(_maxBatch);
        var outcomes = new List<(object? Value, Exception? Error)>(_maxBatch);

        // ConfigureAwait(false) throughout: the loop may resume on a submitter's thread and must not capture its context.
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next))
            {
                if (next.Cancellation.IsCancellationRequested)
                {
                    next.Completion.TrySetCanceled(next.Cancellation);
                }
                else
                {
                    batch.Add(next);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await CommitBatchAsync(batch, outcomes).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (outcomes[i].Error is { } error)
                    {
                        batch[i].Completion.TrySetException(error);
                    }
                    else
                    {
                        batch[i].Completion.TrySetResult(outcomes[i].Value);
                    }
                }
            }
            catch (Exception ex)
            {
                // The commit itself failed: nothing of the batch is durable, so every caller is told.
                foreach (var operation in batch)
                {
                    operation.Completion.TrySetException(new StorageException($"the write was not committed: {ex.Message}", ex));
                }
            }

            batch.Clear();
            outcomes.Clear();
        }
    }

    /// <summary>
    /// Runs the batch in one transaction without savepoints, as failures are rare. If one operation fails, the
    /// transaction is rolled back and the batch runs again with a savepoint around each operation, so only the
    /// failing one fails (a batch of one needs no second run: its failure is its outcome). Operations only read and
    /// write the database, so running one again after a rollback gives the same outcome.
    /// </summary>
    private async Task CommitBatchAsync(List<WriteOperation> batch, List<(object? Value, Exception? Error)> outcomes)
    {
        // BEGIN IMMEDIATE: the write lock is taken at once, so no statement meets SQLITE_BUSY half-way.
        await using (var tx = (SqliteTransaction)await _writer.BeginTransactionAsync().ConfigureAwait(false))
        {
            Exception? failure = null;
            foreach (var operation in batch)
            {
                try
                {
                    outcomes.Add((await operation.Run(_writer, tx).ConfigureAwait(false), null));
                }
                catch (Exception ex)
                {
                    failure = ex;
                    break;
                }
            }

            if (failure is null)
            {
                await tx.CommitAsync().ConfigureAwait(false);
                return;
            }

            await tx.RollbackAsync().ConfigureAwait(false);
            outcomes.Clear();
            if (batch.Count == 1)
            {
                outcomes.Add((null, failure));
                return;
            }
        }

        await using var retry = (SqliteTransaction)await _writer.BeginTransactionAsync().ConfigureAwait(false);
        foreach (var operation in batch)
        {
            await RunInSavepointAsync(operation, retry, outcomes).ConfigureAwait(false);
        }

        await retry.CommitAsync().ConfigureAwait(false);
    }

    private async Task RunInSavepointAsync(WriteOperation operation, SqliteTransaction tx, List<(object? Value, Exception? Error)> outcomes)
    {
        await _prepared.Get(tx, Savepoint, []).ExecuteNonQueryAsync().ConfigureAwait(false);
        try
        {
            outcomes.Add((await operation.Run(_writer, tx).ConfigureAwait(false), null));
            await _prepared.Get(tx, ReleaseSavepoint, []).ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await _prepared.Get(tx, RollbackToSavepoint, []).ExecuteNonQueryAsync().ConfigureAwait(false);
            await _prepared.Get(tx, ReleaseSavepoint, []).ExecuteNonQueryAsync().ConfigureAwait(false);
            outcomes.Add((null, ex));
        }
    }

    private sealed class WriteOperation(Func<SqliteConnection, DbTransaction, Task<object?>> run, CancellationToken cancellation)
    {
        public Func<SqliteConnection, DbTransaction, Task<object?>> Run { get; } = run;

        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
