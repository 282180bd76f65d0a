using HongqiFlow.Storage.Postgres;
using HongqiFlow.Storage.Tests.Postgres;
using HongqiFlow.Testing;
using Npgsql;
using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Contract;

[RequiresPostgres]
[Collection(PostgresCollection.Name)]
public sealed class PostgresCaseStoreTests(PostgresServer server) : CaseStoreContract
{
    private string? _connectionString;

    protected override async Task<ICaseStore> OpenStoreAsync()
    {
        if (PostgresAvailability.SkipReason is not null)
        {
            // Skipped tests are never run; this keeps the fixture from failing them before the skip is reported.
            return new InMemoryCaseStore();
        }

        _connectionString = await server.CreateDatabaseAsync();
        return await PostgresCaseStore.OpenAsync(_connectionString);
    }

    protected override async Task<ICaseStore> OpenSecondNodeAsync() => await PostgresCaseStore.OpenAsync(_connectionString!);

    protected override Task TamperWithEventAsync(string caseId, long version, string payloadJson) =>
        ExecuteAsync("UPDATE events SET payload_json = $1 WHERE case_id = $2 AND version = $3", payloadJson, caseId, version);

    protected override Task TamperWithSnapshotAsync(string caseId, string stateJson, string? status = null) =>
        status is null
            ? ExecuteAsync("UPDATE cases SET state_json = $1 WHERE case_id = $2", stateJson, caseId)
            : ExecuteAsync("UPDATE cases SET state_json = $1, status = $2 WHERE case_id = $3", stateJson, status, caseId);

    protected override async Task TamperWithOperationAsync(long sequence, string detail)
    {
        await DisableAppendOnlyAsync();
        await ExecuteAsync("UPDATE operations SET detail = $1 WHERE sequence = $2", detail, sequence);
    }

    protected override async Task RemoveOperationAsync(long sequence)
    {
        await DisableAppendOnlyAsync();
        await ExecuteAsync("DELETE FROM operations WHERE sequence = $1", sequence);
    }

    /// <summary>What the database's owner could do: switch the append-only trigger off.</summary>
    private async Task DisableAppendOnlyAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString!);
        await using var command = dataSource.CreateCommand("ALTER TABLE operations DISABLE TRIGGER operations_append_only");
        await command.ExecuteNonQueryAsync();
    }

    [PostgresFact]
    public async Task UpdateDeleteOrTruncateOfTheOperationsAudit_IsRefusedByTheStoreItself()
    {
        await ((IOperationsLog)Store).AppendOperationAsync(new OperationRecord(T0, "li-si", "admin", "10.0.0.7", OperationKinds.DefinitionPublish, "SBDJ-0201", OperationResults.Success, "{}"));
        await using var dataSource = NpgsqlDataSource.Create(_connectionString!);
        foreach (var sql in new[] { "UPDATE operations SET actor = 'someone-else'", "DELETE FROM operations", "TRUNCATE operations" })
        {
            await using var command = dataSource.CreateCommand(sql);
            (await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync())).MessageText.ShouldBe("the operations audit is append-only");
        }

        (await ((IOperationsLog)Store).VerifyOperationsAsync()).ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task Migration_SealOfCasesWrittenBeforeSeals_IsTheSealTheStoreChecks()
    {
        // A store from before seals holds SHA-256 cases only (the chain algorithm came later).
        ((PostgresCaseStore)Store).NewCaseChains = ChainAlgorithm.Sha256;
        await Store.AppendAsync(Create("c-1") with { Snapshot = new SnapshotRecord("""{"申请人":"张三","note":"𠀀\n"}""", "办理中") });
        var sql = PostgresSchema.Migrations.Single(m => m.Version == 4).Sql;
        var backfill = sql[sql.IndexOf("UPDATE cases SET snapshot_hash", StringComparison.Ordinal)..];
        backfill = backfill[..(backfill.IndexOf(';', StringComparison.Ordinal) + 1)];
        await ExecuteAsync("UPDATE cases SET snapshot_hash = 'x' WHERE case_id = $1", "c-1");
        await Should.ThrowAsync<SnapshotTamperedException>(() => Store.LoadAsync("c-1"));

        await ExecuteAsync(backfill);

        (await Store.LoadAsync("c-1"))!.Status.ShouldBe("办理中");
        (await Store.VerifyAuditAsync()).ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task Append_RememberedHeadNoLongerStored_ChainsFromTheStoredHead()
    {
        await Store.AppendAsync(Create("c-1"));
        var edited = new string('e', 64);
        await ExecuteAsync("UPDATE cases SET head_hash = $1 WHERE case_id = $2", edited, "c-1");

        var result = await Store.AppendAsync(Next("c-1", 1));

        result.Version.ShouldBe(2);
        (await Store.ReadHistoryAsync("c-1"))[1].PreviousHash.ShouldBe(edited);
        (await Store.VerifyAuditAsync()).Select(f => f.CaseId).ShouldBe(["c-1"]);

        // The same for a command with an idempotency key: the refused call takes its key back, the second keeps it.
        var again = new string('f', 64);
        await ExecuteAsync("UPDATE cases SET head_hash = $1 WHERE case_id = $2", again, "c-1");
        (await Store.AppendAsync(Next("c-1", 2, key: "k-3"))).Version.ShouldBe(3);
        (await Store.ReadHistoryAsync("c-1"))[2].PreviousHash.ShouldBe(again);
        (await Store.AppendAsync(Next("c-1", 2, key: "k-3"))).IsRepeat.ShouldBeTrue();
    }

    [PostgresFact]
    public async Task Append_AfterAnotherNodeAppended_ReadsTheHeadAndKeepsTheChain()
    {
        await Store.AppendAsync(Create("c-1"));
        await using var other = await PostgresCaseStore.OpenAsync(_connectionString!);
        await other.AppendAsync(Next("c-1", 1));
        await other.AppendAsync(Next("c-1", 2));

        await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync(Next("c-1", 1, "late")));
        (await Store.AppendAsync(Next("c-1", 3))).Version.ShouldBe(4);

        var history = await Store.ReadHistoryAsync("c-1");
        history.Skip(1).Select(e => e.PreviousHash).ShouldBe(history.Take(3).Select(e => e.Hash));
        (await Store.VerifyAuditAsync()).ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task Append_ConcurrentRepeatsOfOneKey_WriteOnceAndAllReturnTheFirstResult()
    {
        await Store.AppendAsync(Create("c-1"));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.AppendAsync(Next("c-1", 1, key: "cmd-once")))));

        results.Count(r => !r.IsRepeat).ShouldBe(1);
        results.ShouldAllBe(r => r.Version == 2 && r.ResultJson == """{"version":2}""");
        (await Store.ReadHistoryAsync("c-1")).Count.ShouldBe(2);
    }

    [PostgresFact]
    public async Task Append_ManyConcurrentSubmitters_SharesCallsAndKeepsEveryCommand()
    {
        var store = (PostgresCaseStore)Store;

        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            await store.AppendAsync(Create($"c-{i:D2}") with { Outbox = [Message($"m-{i}-0")] });
            for (var v = 1; v <= 4; v++)
            {
                await store.AppendAsync(Next($"c-{i:D2}", v, key: $"k-{i}-{v}") with { TimersToSchedule = [Timer($"t-{i}-{v}", T0.AddDays(v))] });
            }
        })));

        var (calls, commands) = store.AppendCalls;
        commands.ShouldBe(32 * 5);
        calls.ShouldBeLessThan(commands, "concurrent commands go together in one call");
        (await store.ListCasesAsync(new CaseQuery(Limit: 100))).ShouldAllBe(c => c.Version == 5);
        (await store.ListTimersAsync("c-07")).Select(t => t.TimerId).ShouldBe(["t-7-1", "t-7-2", "t-7-3", "t-7-4"]);
        (await store.QueryOutboxAsync(new OutboxQuery(Limit: 100))).Count.ShouldBe(32);
        (await store.VerifyAuditAsync()).ShouldBeEmpty();
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString!);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    [PostgresFact]
    public async Task OpenAsync_TwoNodesAtOnce_ApplyEachMigrationOnce()
    {
        var nodes = await Task.WhenAll(PostgresCaseStore.OpenAsync(_connectionString!), PostgresCaseStore.OpenAsync(_connectionString!));

        (await nodes[0].SchemaVersionsAsync()).ShouldBe([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }
}
