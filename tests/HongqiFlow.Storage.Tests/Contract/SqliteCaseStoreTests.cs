using Microsoft.Data.Sqlite;

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

        (await reopened.SchemaVersionsAsync()).ShouldBe([1, 2]);
        (await reopened.LoadAsync("c-1"))!.Version.ShouldBe(1);
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
    public async Task AppendAsync_64ConcurrentSubmitters_AllCommitWithCorrectVersions()
    {
        var store = (SqliteCaseStore)Store;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var id = $"c-{i:D2}";
            await store.AppendAsync(Requests.Create(id));
            for (var v = 1; v <= 5; v++)
            {
                await store.AppendAsync(Requests.Next(id, v));
            }
        })));

        var cases = await store.ListCasesAsync(new CaseQuery(Limit: 1000));
        cases.Count.ShouldBe(64);
        cases.ShouldAllBe(c => c.Version == 6);
        (await store.VerifyAuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AppendAsync_StaleAppendsAmongConcurrentOnes_OnlyTheStaleOnesFail()
    {
        var store = (SqliteCaseStore)Store;
        var stale = 0;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var id = $"c-{i:D2}";
            await store.AppendAsync(Requests.Create(id));
            for (var v = 1; v <= 3; v++)
            {
                var error = await Should.ThrowAsync<ConcurrencyException>(() => store.AppendAsync(Requests.Next(id, v + 1, key: $"stale-{i}-{v}")));
                error.Message.ShouldContain(id);
                Interlocked.Increment(ref stale);
                await store.AppendAsync(Requests.Next(id, v, key: $"ok-{i}-{v}"));
            }
        })));

        stale.ShouldBe(64 * 3);
        var cases = await store.ListCasesAsync(new CaseQuery(Limit: 1000));
        cases.Count.ShouldBe(64);
        cases.ShouldAllBe(c => c.Version == 4);
        (await store.VerifyAuditAsync()).ShouldBeEmpty();

        // A stale append's idempotency key was rolled back with it: the same key is free for a real command.
        (await store.AppendAsync(Requests.Next("c-00", 4, key: "stale-0-1"))).IsRepeat.ShouldBeFalse();
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
