using System.Diagnostics;
using HongqiFlow.Cli.Commands;
using HongqiFlow.Storage.Postgres;
using HongqiFlow.Storage.Tests.Upgrade;
using HongqiFlow.Tests;
using Npgsql;

namespace HongqiFlow.Storage.Tests.Postgres;

/// <summary>
/// PostgreSQL's side of upgrades and backups: the plain SQL dump of the released schema (tests/fixtures/stores) loaded
/// into a fresh database migrates to the latest schema and verifies; a database migrated by a newer build is refused;
/// and the backup procedure of docs/operations.md — <c>pg_dump -Fc</c>, <c>pg_restore</c> into a fresh database,
/// <c>hongqi audit verify</c> — gives back every case with its chain intact.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresUpgradeAndBackupTests(PostgresServer server) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-pg-backup-").FullName;

    [PostgresFact]
    public async Task DumpOfSchema5_OpenedByThisBuild_MigratesToTheLatest_ReadsEveryCase_AndVerifies()
    {
        var connectionString = await LoadFixtureAsync();
        (await VersionsAsync(connectionString)).ShouldBe([1, 2, 3, 4, 5]);
        var progress = new RecordingProgress();

        await using (var store = await PostgresCaseStore.OpenAsync(connectionString, null, progress))
        {
            // Migration 11 is another change's (the numbers are provisional until they are merged): 12 follows 10 here.
            (await store.SchemaVersionsAsync()).ShouldBe([.. Enumerable.Range(1, 10), 12]);
            progress.Totals.GetValueOrDefault("migrations").ShouldBe(PostgresCaseStore.LatestSchemaVersion - 5 - 1);
            await StoreUpgradeTests.ReadsEveryCaseAsync(store, store, store);
        }

        var output = new StringWriter();
        (await AuditCommands.VerifyAsync(null, connectionString, output, new StringWriter(), CancellationToken.None)).ShouldBe(0, output.ToString());
    }

    [PostgresFact]
    public async Task Database_MigratedByANewerBuild_IsRefused()
    {
        var connectionString = await LoadFixtureAsync();
        await (await PostgresCaseStore.OpenAsync(connectionString)).DisposeAsync();
        var newer = PostgresCaseStore.LatestSchemaVersion + 1;
        await ExecuteAsync(connectionString, $"INSERT INTO schema_migrations (version, description, applied_at) VALUES ({newer}, 'a later release', 0)");

        var refused = await Should.ThrowAsync<StoreSchemaTooNewException>(() => PostgresCaseStore.OpenAsync(connectionString));

        (refused.Found, refused.Known).ShouldBe((newer, PostgresCaseStore.LatestSchemaVersion));
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        refused.Store.ShouldBe($"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}");
        refused.Message.ShouldStartWith($"The store {refused.Store} has schema version {newer}, higher than this build knows");
    }

    [PostgresFact]
    public async Task PgDump_PgRestoreIntoAFreshDatabase_AuditVerifyPasses_AndEveryCaseIsBack()
    {
        var source = await LoadFixtureAsync();
        await using (var store = await PostgresCaseStore.OpenAsync(source))
        {
            await store.AppendAsync(Contract.Requests.Create("after-upgrade"));
        }

        var dump = Path.Combine(_folder, "hongqi.dump");
        await RunAsync("pg_dump", $"-Fc {Target(source)} -f {dump}");
        var restored = await server.CreateDatabaseAsync();
        await RunAsync("pg_restore", $"--no-owner --exit-on-error {Target(restored)} {dump}");

        var output = new StringWriter();
        (await AuditCommands.VerifyAsync(null, restored, output, new StringWriter(), CancellationToken.None)).ShouldBe(0, output.ToString());
        // The cases, then the operations log (audit verify checks both; the restored store has no operations yet).
        output.ToString().ShouldBe(
            "audit verify: PostgreSQL store: every case history and stored snapshot is intact\n" +
            "audit verify: PostgreSQL store: the operations log is intact (0 entries, SM3 chain)\n");
        await using var copy = await PostgresCaseStore.OpenAsync(restored);
        (await copy.ListCasesAsync(new CaseQuery(Limit: 100))).Count.ShouldBe(StoreUpgradeTests.FixtureCases + 1);
        (await copy.LoadAsync("after-upgrade"))!.Version.ShouldBe(1);
        (await copy.VerifyAuditAsync()).ShouldBeEmpty();
    }

    /// <summary>A fresh database holding the released schema's dump.</summary>
    private async Task<string> LoadFixtureAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var sql = await File.ReadAllTextAsync(Repository.Path("tests", "fixtures", "stores", "postgres-schema-5.sql"));
        // The dump empties search_path for its session: a connection of its own, not returned to a pool.
        await ExecuteAsync(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString(), sql);
        return connectionString;
    }

    private static async Task<IReadOnlyList<int>> VersionsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT version FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add((int)reader.GetInt64(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The connection options of the PostgreSQL client tools for a database.</summary>
    private static string Target(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"-h {b.Host} -p {b.Port} -U {b.Username} -d {b.Database}";
    }

    private static async Task RunAsync(string tool, string arguments)
    {
        var path = Path.Combine(PostgresAvailability.BinDirectory, tool);
        var start = new ProcessStartInfo(File.Exists(path) ? path : tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (PostgresAvailability.ConnectionString is { } admin && new NpgsqlConnectionStringBuilder(admin).Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"{tool} {arguments}: {await error}{await output}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
