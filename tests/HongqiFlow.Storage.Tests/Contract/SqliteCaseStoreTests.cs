using HongqiFlow.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Contract;

public sealed class SqliteCaseStoreTests : CaseStoreContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-sqlite-").FullName;

    private SqliteCaseStoreOptions Options => SqliteCaseStoreOptions.InFolder(_folder);

    protected override async Task<ICaseStore> OpenStoreAsync() => await SqliteCaseStore.OpenAsync(Options);

    protected override async Task<ICaseStore> OpenSecondNodeAsync() => await SqliteCaseStore.OpenAsync(Options);

    protected override async Task TamperWithEventAsync(string caseId, long version, string payloadJson)
    {
        await using var c = new SqliteConnection($"Data Source={Options.FilePath};Pooling=False");
        await c.OpenAsync();
        await using var update = c.CreateCommand();
        update.CommandText = "UPDATE events SET payload_json = $p WHERE case_id = $c AND version = $v";
        update.Parameters.AddWithValue("$p", payloadJson);
        update.Parameters.AddWithValue("$c", caseId);
        update.Parameters.AddWithValue("$v", version);
        (await update.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    protected override async Task TamperWithSnapshotAsync(string caseId, string stateJson, string? status = null)
    {
        await using var c = new SqliteConnection($"Data Source={Options.FilePath};Pooling=False");
        await c.OpenAsync();
        await using var update = c.CreateCommand();
        update.CommandText = "UPDATE cases SET state_json = $j, status = coalesce($s, status) WHERE case_id = $c";
        update.Parameters.AddWithValue("$j", stateJson);
        update.Parameters.AddWithValue("$s", (object?)status ?? DBNull.Value);
        update.Parameters.AddWithValue("$c", caseId);
        (await update.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    protected override Task TamperWithOperationAsync(long sequence, string detail) =>
        PastTheTriggersAsync("UPDATE operations SET detail = $d WHERE sequence = $s", ("$d", detail), ("$s", sequence));

    protected override Task RemoveOperationAsync(long sequence) => PastTheTriggersAsync("DELETE FROM operations WHERE sequence = $s", ("$s", sequence));

    [Fact]
    public async Task UpdateOrDeleteOfTheOperationsAudit_IsRefusedByTheStoreItself()
    {
        await ((IOperationsLog)Store).AppendOperationAsync(new OperationRecord(T0, "li-si", "admin", "10.0.0.7", OperationKinds.DefinitionPublish, "SBDJ-0201", OperationResults.Success, "{}"));
        await using var c = new SqliteConnection($"Data Source={Options.FilePath};Pooling=False");
        await c.OpenAsync();
        foreach (var sql in new[] { "UPDATE operations SET actor = 'someone-else'", "DELETE FROM operations" })
        {
            await using var command = c.CreateCommand();
            command.CommandText = sql;
            (await Should.ThrowAsync<SqliteException>(() => command.ExecuteNonQueryAsync())).Message.ShouldContain("the operations audit is append-only");
        }

        (await ((IOperationsLog)Store).VerifyOperationsAsync()).ShouldBeEmpty();
    }

    /// <summary>What an owner of the database file could do: drop the append-only triggers, then edit.</summary>
    private async Task PastTheTriggersAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var c = new SqliteConnection($"Data Source={Options.FilePath};Pooling=False");
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = "DROP TRIGGER operations_no_update; DROP TRIGGER operations_no_delete; " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task OpenAsync_Twice_AppliesEachMigrationOnceAndKeepsData()
    {
        await Store.AppendAsync(Requests.Create("c-1"));
        await Store.DisposeAsync();

        await using var reopened = await SqliteCaseStore.OpenAsync(Options);

        (await reopened.SchemaVersionsAsync()).ShouldBe([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        (await reopened.LoadAsync("c-1"))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task OpenAsync_StoreWrittenBeforeSeals_SealsItsCasesAsTheyStand()
    {
        // A store from before seals holds SHA-256 cases only (the chain algorithm came later).
        ((SqliteCaseStore)Store).NewCaseChains = ChainAlgorithm.Sha256;
        await Store.AppendAsync(Create("c-1") with { Snapshot = new SnapshotRecord("""{"申请人":"张三"}""", "running") });
        await Store.DisposeAsync();
        await using (var c = new SqliteConnection($"Data Source={Options.FilePath};Pooling=False"))
        {
            await c.OpenAsync();
            await using var downgrade = c.CreateCommand();
            downgrade.CommandText = "ALTER TABLE cases DROP COLUMN snapshot_hash; DELETE FROM schema_migrations WHERE version = 3";
            await downgrade.ExecuteNonQueryAsync();
        }

        await using var reopened = await SqliteCaseStore.OpenAsync(Options);

        (await reopened.LoadAsync("c-1"))!.StateJson.ShouldBe("""{"申请人":"张三"}""");
        (await reopened.VerifyAuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task OpenAsync_StoreWrittenBeforeChainAlgorithms_KeepsItsCasesOnSha256AndChainsNewOnesWithSm3()
    {
        ((SqliteCaseStore)Store).NewCaseChains = ChainAlgorithm.Sha256;
        await Store.AppendAsync(Create("c-1"));
        await Store.AppendAsync(Next("c-1", 1));
        await Store.DisposeAsync();
        await using (var c = new SqliteConnection($"Data Source={Options.FilePath};Pooling=False"))
        {
            await c.OpenAsync();
            await using var downgrade = c.CreateCommand();
            downgrade.CommandText = "ALTER TABLE cases DROP COLUMN chain_algorithm; DELETE FROM schema_migrations WHERE version = 5";
            await downgrade.ExecuteNonQueryAsync();
        }

        await using var reopened = await SqliteCaseStore.OpenAsync(Options);
        await reopened.AppendAsync(Next("c-1", 2));
        await reopened.AppendAsync(Create("c-2"));

        (await reopened.VerifyAuditAsync()).ShouldBeEmpty();
        var old = await reopened.ReadHistoryAsync("c-1");
        old[2].Hash.ShouldBe(AuditChain.Hash("c-1", 3, old[2].Type, old[2].OccurredAt, old[2].PayloadJson, old[1].Hash, ChainAlgorithm.Sha256));
        var added = (await reopened.ReadHistoryAsync("c-2"))[0];
        added.Hash.ShouldBe(AuditChain.Hash("c-2", 1, added.Type, added.OccurredAt, added.PayloadJson, AuditChain.Genesis, ChainAlgorithm.Sm3));
    }

    [Fact]
    public async Task OpenAsync_Default_UsesWalAndFullSynchronous()
    {
        await using var c = new SqliteConnection($"Data Source={Options.FilePath};Pooling=False");
        await c.OpenAsync();
        await using var mode = c.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";

        ((string)(await mode.ExecuteScalarAsync())!).ShouldBe("wal");
        new SqliteCaseStoreOptions().Synchronous.ShouldBe(SqliteSynchronous.Full);
        new SqliteCaseStoreOptions().FilePath.ShouldBe(Path.Combine("data", "hongqi.db"));
    }

    [Fact]
    public async Task BackupAsync_WhileOpen_CopiesEveryCase()
    {
        await Store.AppendAsync(Requests.Create("c-1"));
        var copy = Path.Combine(_folder, "backup.db");

        await ((SqliteCaseStore)Store).BackupAsync(copy);

        await using var restored = await SqliteCaseStore.OpenAsync(new SqliteCaseStoreOptions { FilePath = copy });
        (await restored.LoadAsync("c-1"))!.Version.ShouldBe(1);
        (await restored.VerifyAuditAsync()).ShouldBeEmpty();
    }
}
