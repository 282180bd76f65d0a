using System.Data.Common;
using HongqiFlow.Progress;
using HongqiFlow.Storage.Sql;
using Npgsql;

namespace HongqiFlow.Storage.Postgres;

/// <summary>
/// The store for several nodes on one PostgreSQL database. Appends lock the case row (<c>FOR UPDATE</c>) and
/// check its version; timer and outbox claims use <c>FOR UPDATE SKIP LOCKED</c> with leases, so two nodes never
/// claim one row at once and a dead node's claims come back when its leases run out.
/// </summary>
public sealed partial class PostgresCaseStore : ICaseStore, IDefinitionStore, IChainAlgorithmChoice
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresAppend _append;

    private PostgresCaseStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _append = new PostgresAppend(dataSource);
    }

    /// <summary>Connects with its own connection pool and applies the missing migrations (one node at a time).</summary>
    /// <summary>The schema version this build migrates a database to: the last of <see cref="PostgresSchema.Migrations"/>.</summary>
    public static int LatestSchemaVersion => PostgresSchema.Migrations.Max(m => m.Version);

    public static Task<PostgresCaseStore> OpenAsync(string connectionString, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        OpenAsync(connectionString, time, OperationProgress.None, cancellationToken);

    /// <summary>Opens the database and applies the missing migrations, counting them on <paramref name="progress"/>; refuses a database migrated by a newer build (<see cref="StoreSchemaTooNewException"/>).</summary>
    public static async Task<PostgresCaseStore> OpenAsync(string connectionString, TimeProvider? time, IOperationProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var dataSource = NpgsqlDataSource.Create(WithAutoPrepare(connectionString));
        try
        {
            await using var c = await dataSource.OpenConnectionAsync(cancellationToken);
            var where = $"PostgreSQL database '{c.Database}' on {c.Host}:{c.Port}";
            await SchemaMigrator.ApplyAsync(c, PostgresSchema.Migrations, PostgresSchema.MigrationLock, (time ?? TimeProvider.System).GetUtcNow(), where, progress, cancellationToken);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }

        return new PostgresCaseStore(dataSource);
    }

    /// <summary>
    /// The store sends the same few statements for every command; letting Npgsql prepare them on each pooled
    /// connection spares the server parsing and planning them again, which is what bounds throughput with many
    /// clients. A connection string that sets its own value keeps it.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>The chain algorithm of cases created from now on (<see cref="ChainAlgorithms.Default"/>: SM3); existing cases keep theirs.</summary>
    public ChainAlgorithm NewCaseChains
    {
        get => _append.NewCaseChains;
        set => _append.NewCaseChains = value;
    }

    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        AppendValidation.Validate(request);
        return request.MovesToDefinitionId is null || request.ExpectedVersion == 0
            ? _append.AppendAsync(request, cancellationToken)
            : MoveAsync(request, cancellationToken);
    }

    /// <summary>
    /// A migration (rare) appends in a transaction of its own with the shared statements, the case row locked first, so
    /// its definition id changes with its events; the remembered head is forgotten so the next append reads it again.
    /// </summary>
    private async Task<AppendResult> MoveAsync(AppendRequest request, CancellationToken ct)
    {
        try
        {
            return await InTransactionAsync(async (c, tx) =>
            {
                await SqlCommands.ExecuteAsync(c, tx, "SELECT 1 FROM cases WHERE case_id = @c FOR UPDATE", ct, ("c", request.CaseId));
                await using var prepared = new PreparedCommands(c);
                return await SqlCaseOperations.AppendAsync(c, tx, prepared, request, NewCaseChains, ct);
            }, ct);
        }
        finally
        {
            _append.Heads.Forget(request.CaseId);
        }
    }

    /// <summary>Also remembers the case's head, so the command decided on this snapshot appends in one round trip.</summary>
    public async Task<StoredResult?> FindResultAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlCaseOperations.FindResultAsync(c, idempotencyKey, cancellationToken);
    }

    public async Task<CaseSnapshot?> LoadAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        var (snapshot, head, algorithm) = await SqlCaseOperations.LoadWithHeadAsync(c, caseId, cancellationToken);
        if (snapshot is not null)
        {
            _append.Heads.Remember(caseId, snapshot.Version, new ChainHead(head!, algorithm));
        }

        return snapshot;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadHistoryAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlCaseOperations.ReadHistoryAsync(c, caseId, cancellationToken);
    }

    public async Task<IReadOnlyList<CaseSummary>> ListCasesAsync(CaseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlCaseOperations.ListCasesAsync(c, query, cancellationToken);
    }

    public Task<IReadOnlyList<ClaimedTimer>> ClaimDueTimersAsync(DateTimeOffset now, string nodeId, TimeSpan lease, int max, CancellationToken cancellationToken = default) =>
        InTransactionAsync((c, tx) => SqlCaseOperations.ClaimDueTimersAsync(c, tx, SqlDialect.Postgres, now, nodeId, lease, max, cancellationToken), cancellationToken);

    public Task<bool> CompleteTimerAsync(TimerCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return InTransactionAsync(async (c, tx) => await SqlCaseOperations.CompleteTimerAsync(c, tx, completion, cancellationToken) == 1, cancellationToken);
    }

    public async Task<IReadOnlyList<TimerEntry>> ListTimersAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlCaseOperations.ListTimersAsync(c, caseId, cancellationToken);
    }

    public Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(DateTimeOffset now, string nodeId, TimeSpan lease, int max, CancellationToken cancellationToken = default) =>
        InTransactionAsync((c, tx) => SqlCaseOperations.ClaimOutboxAsync(c, tx, SqlDialect.Postgres, now, nodeId, lease, max, cancellationToken), cancellationToken);

    public Task MarkDeliveredAsync(string messageId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        InTransactionAsync((c, tx) => SqlCaseOperations.MarkDeliveredAsync(c, tx, messageId, now, cancellationToken), cancellationToken);

    public Task MarkDeliveredAsync(IReadOnlyList<string> messageIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        return messageIds.Count == 0
            ? Task.CompletedTask
            : InTransactionAsync((c, tx) => SqlCaseOperations.MarkDeliveredAsync(c, tx, messageIds, now, cancellationToken), cancellationToken);
    }

    public Task<OutboxState> MarkFailedAsync(string messageId, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
        InTransactionAsync((c, tx) => SqlCaseOperations.MarkFailedAsync(c, tx, messageId, error, retryAt, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<OutboxEntry>> QueryOutboxAsync(OutboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlCaseOperations.QueryOutboxAsync(c, query, cancellationToken);
    }

    public Task<IReadOnlyList<AuditFinding>> VerifyAuditAsync(CancellationToken cancellationToken = default) =>
        VerifyAuditAsync(OperationProgress.None, cancellationToken);

    public async Task<IReadOnlyList<AuditFinding>> VerifyAuditAsync(IOperationProgress progress, CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SqlCaseOperations.VerifyAuditAsync(c, progress, cancellationToken);
    }

    /// <summary>Appends sent to the database and the commands they carried (group commit: fewer calls than commands under load).</summary>
    internal (long Calls, long Commands) AppendCalls => _append.Sent;

    /// <summary>The schema versions recorded in <c>schema_migrations</c>.</summary>
    public async Task<IReadOnlyList<int>> SchemaVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await SchemaMigrator.AppliedVersionsAsync(c, cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> run, CancellationToken ct)
    {
        await using var c = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var result = await run(c, tx);
        await tx.CommitAsync(ct);
        return result;
    }
}
