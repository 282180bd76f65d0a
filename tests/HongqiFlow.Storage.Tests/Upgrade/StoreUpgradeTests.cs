using System.Collections.Concurrent;
using HongqiFlow.Cli.Commands;
using HongqiFlow.Hosting;
using HongqiFlow.Progress;
using HongqiFlow.Storage.Sqlite;
using HongqiFlow.Storage.Tests.Cli;
using HongqiFlow.Tests;
using Microsoft.Data.Sqlite;

namespace HongqiFlow.Storage.Tests.Upgrade;

/// <summary>
/// Upgrades are forward-only and tested from a store the previous released schema wrote (tests/fixtures/stores): the
/// current build opens it, migrates it to its latest schema (whatever number that is by then), reads every case and
/// finds every history intact. A store migrated by a newer build is refused by an older one, with the catalog's message.
/// </summary>
public sealed class StoreUpgradeTests : IDisposable
{
    /// <summary>The fixture's content (tests/fixtures/stores/README.md).</summary>
    internal const int FixtureCases = 11;

    internal const int FixtureFinished = 7;

    internal const int FixtureDefinitions = 10;

    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-upgrade-").FullName;

    private string StoreFile => Path.Combine(_folder, "hongqi.db");

    [Fact]
    public async Task Fixture_IsTheStoreOfSchema4()
    {
        CopyFixture();
        await using var c = new SqliteConnection($"Data Source={StoreFile};Mode=ReadOnly;Pooling=False");
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT group_concat(version, ',') FROM (SELECT version FROM schema_migrations ORDER BY version)";
        (await command.ExecuteScalarAsync()).ShouldBe("1,2,3,4");
    }

    [Fact]
    public async Task SqliteStoreOfSchema4_OpenedByThisBuild_MigratesToTheLatest_ReadsEveryCase_AndVerifies()
    {
        CopyFixture();
        var progress = new RecordingProgress();

        await using (var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder), null, progress))
        {
            // Migration 11 is another change's (the numbers are provisional until they are merged): 12 follows 10 here.
            (await store.SchemaVersionsAsync()).ShouldBe([.. Enumerable.Range(1, 10), 12]);
            progress.Totals.GetValueOrDefault("migrations").ShouldBe(SqliteCaseStore.LatestSchemaVersion - 4 - 1);
            await ReadsEveryCaseAsync(store, store, store);
        }

        var output = new StringWriter();
        (await AuditCommands.VerifyAsync(_folder, null, output, new StringWriter(), CancellationToken.None)).ShouldBe(0);
        output.ToString().ShouldContain("every case history and stored snapshot is intact");
    }

    [Fact]
    public async Task SqliteStore_MigratedByANewerBuild_IsRefusedWithTheCatalogMessage_AndLeftUntouched()
    {
        CopyFixture();
        var newer = SqliteCaseStore.LatestSchemaVersion + 1;
        await ExecuteAsync($"INSERT INTO schema_migrations (version, description, applied_at) VALUES ({newer}, 'a later release', 0)");
        var before = await File.ReadAllBytesAsync(StoreFile);

        var refused = await Should.ThrowAsync<StoreSchemaTooNewException>(() => SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder)));

        (refused.Found, refused.Known).ShouldBe((newer, SqliteCaseStore.LatestSchemaVersion));
        refused.Text.English.ShouldBe(
            $"The store {StoreFile} has schema version {newer}, higher than this build knows ({SqliteCaseStore.LatestSchemaVersion}): a newer HongqiFlow has upgraded it. " +
            "Migrations only go forward, so an older build does not open it; run that newer version (or a later one).");
        refused.Message.ShouldBe(refused.Text.English + " / " + refused.Text.Chinese);
        refused.Text.Chinese.ShouldStartWith($"数据存储 {StoreFile} 的结构版本为 {newer}，高于本程序所知的 {SqliteCaseStore.LatestSchemaVersion}");
        (await File.ReadAllBytesAsync(StoreFile)).ShouldBe(before);

        var (exit, _, error) = await HongqiCli.RunAsync("audit", "verify", "--data", _folder);
        exit.ShouldBe(2);
        error.ShouldBe("audit verify: " + refused.Message + "\n");
        (await File.ReadAllBytesAsync(StoreFile)).ShouldBe(before);
    }

    /// <summary>Every case of the fixture loads, folds with its definition and keeps its status; deputies and definitions are there.</summary>
    internal static async Task ReadsEveryCaseAsync(ICaseStore store, IDefinitionStore definitions, IDeputyStore deputies)
    {
        var rows = await store.ListCasesAsync(new CaseQuery(Limit: 100));
        rows.Count.ShouldBe(FixtureCases);
        rows.Count(r => r.Status == "finished").ShouldBe(FixtureFinished);
        (await definitions.ListLatestAsync()).Count.ShouldBe(FixtureDefinitions);
        (await deputies.ListDeputiesAsync()).Select(d => d.Principal).Order(StringComparer.Ordinal).ShouldBe(["wang.fang", "zhang.wei"]);

        using var registry = await DefinitionRegistry.OpenAsync(definitions, Repository.Path("definitions"), TimeProvider.System);
        var cases = new CaseService(store, registry, TimeProvider.System);
        foreach (var row in rows)
        {
            var view = await cases.GetAsync(row.CaseId);
            view.State.ShouldNotBeNull(row.CaseId);
            (await cases.ReplayAsync(row.CaseId)).ShouldBe(view.State, row.CaseId);
        }

        (await cases.GetAsync("20261204-R002")).State.MainState.ShouldBe("approval");
        (await store.VerifyAuditAsync()).ShouldBeEmpty();
    }

    private void CopyFixture() => File.Copy(Repository.Path("tests", "fixtures", "stores", "sqlite-schema-4.db"), StoreFile);

    private async Task ExecuteAsync(string sql)
    {
        await using var c = new SqliteConnection($"Data Source={StoreFile};Pooling=False");
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>Records what a long operation reported: each activity's total and how much it counted.</summary>
internal sealed class RecordingProgress : IOperationProgress
{
    public ConcurrentDictionary<string, long> Totals { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, long> Done { get; } = new(StringComparer.Ordinal);

    public IProgressCounter Start(string activity, long total, string unit)
    {
        Totals[activity] = total;
        Done.TryAdd(activity, 0);
        return new Counter(this, activity);
    }

    private sealed class Counter(RecordingProgress owner, string activity) : IProgressCounter
    {
        public void Advance(long count = 1) => owner.Done.AddOrUpdate(activity, count, (_, n) => n + count);

        public void SetTotal(long total) => owner.Totals[activity] = total;

        public void Dispose()
        {
        }
    }
}
