using System.CommandLine;
using HongqiFlow.Cli.Commands;
using HongqiFlow.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Cli;

public sealed class AuditVerifyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-audit-").FullName;

    [Fact]
    public async Task AuditVerify_IntactStore_PrintsIntactAndExitsZero()
    {
        await SeedAsync();

        var (exit, output, _) = await RunAsync("audit", "verify", "--data", _folder);

        exit.ShouldBe(0);
        output.ShouldBe(
            $"audit verify: {Path.Combine(_folder, "hongqi.db")}: every case history and stored snapshot is intact\n" +
            $"audit verify: {Path.Combine(_folder, "hongqi.db")}: the operations log is intact (2 entries, SM3 chain)\n");
    }

    [Fact]
    public async Task AuditVerify_HandEditedRow_ReportsTheFirstAlteredEventAndExitsOne()
    {
        await SeedAsync();
        await using (var c = new SqliteConnection($"Data Source={Path.Combine(_folder, "hongqi.db")};Pooling=False"))
        {
            await c.OpenAsync();
            await using var update = c.CreateCommand();
            update.CommandText = "UPDATE events SET type = 'approved' WHERE case_id = 'c-2' AND version = 2";
            await update.ExecuteNonQueryAsync();
        }

        var (exit, output, _) = await RunAsync("audit", "verify", "--data", _folder);

        exit.ShouldBe(1);
        output.ShouldBe(
            "case c-2: event 2: event 2 (approved) was altered: its content no longer matches its hash\n" +
            $"audit verify: {Path.Combine(_folder, "hongqi.db")}: 1 case(s) altered\n" +
            $"audit verify: {Path.Combine(_folder, "hongqi.db")}: the operations log is intact (2 entries, SM3 chain)\n");
    }

    [Fact]
    public async Task AuditVerify_HandEditedSnapshot_ReportsTheCaseAndExitsOne()
    {
        await SeedAsync();
        await using (var c = new SqliteConnection($"Data Source={Path.Combine(_folder, "hongqi.db")};Pooling=False"))
        {
            await c.OpenAsync();
            await using var update = c.CreateCommand();
            update.CommandText = "UPDATE cases SET state_json = '{\"state\":\"rejected\"}' WHERE case_id = 'c-2'";
            await update.ExecuteNonQueryAsync();
        }

        var (exit, output, _) = await RunAsync("audit", "verify", "--data", _folder);

        exit.ShouldBe(1);
        output.ShouldBe(
            "case c-2: event 2: the stored snapshot (what the case view and the progress page show) does not match the seal written with event 2: it was changed outside the engine\n" +
            $"audit verify: {Path.Combine(_folder, "hongqi.db")}: 1 case(s) altered\n" +
            $"audit verify: {Path.Combine(_folder, "hongqi.db")}: the operations log is intact (2 entries, SM3 chain)\n");
    }

    [Fact]
    public async Task AuditVerify_OperationsLogEditedPastItsTriggers_ReportsTheEntryAndExitsOne()
    {
        await SeedAsync();
        await using (var c = new SqliteConnection($"Data Source={Path.Combine(_folder, "hongqi.db")};Pooling=False"))
        {
            await c.OpenAsync();
            await using var update = c.CreateCommand();
            update.CommandText = "DROP TRIGGER operations_no_update; UPDATE operations SET result = 'success' WHERE sequence = 2";
            await update.ExecuteNonQueryAsync();
        }

        var (exit, output, _) = await RunAsync("audit", "verify", "--data", _folder);

        exit.ShouldBe(1);
        output.ShouldBe(
            $"audit verify: {Path.Combine(_folder, "hongqi.db")}: every case history and stored snapshot is intact\n" +
            "operations log: entry 2: entry 2 (authorization by wang-wu) was altered: its content no longer matches its SM3 hash\n" +
            $"audit verify: {Path.Combine(_folder, "hongqi.db")}: the operations log was altered\n");
    }

    [Fact]
    public async Task AuditVerify_MissingStore_SaysWhereItLookedAndExitsTwo()
    {
        var missing = Path.Combine(_folder, "nowhere");

        var (exit, _, error) = await RunAsync("audit", "verify", "--data", missing);

        exit.ShouldBe(2);
        error.ShouldBe($"audit verify: no store at {Path.Combine(missing, "hongqi.db")}; pass --data with the folder that holds hongqi.db\n");
    }

    [Fact]
    public async Task KeysThenAuditVerify_CheckpointedStoreWithACaseDeleted_ReportsItMissingAndExitsOne()
    {
        var (privateKey, publicKey) = (Path.Combine(_folder, "checkpoint.key"), Path.Combine(_folder, "checkpoint.pub"));
        var generated = await RunAsync("keys", "sm2", "--private", privateKey, "--public", publicKey);
        generated.Exit.ShouldBe(0);
        File.ReadAllText(privateKey).ShouldStartWith("-----BEGIN PRIVATE KEY-----");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(privateKey).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        (await RunAsync("keys", "sm2", "--private", privateKey, "--public", Path.Combine(_folder, "other.pub"))).Exit.ShouldBe(2, "a key is never overwritten");
        await SeedAsync();
        await using (var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder)))
        {
            await store.WriteCheckpointAsync(Storage.Checkpoints.Sm2FileSigner.FromFile(privateKey), T0.AddHours(1), TimeSpan.FromHours(1));
        }

        var intact = await RunAsync("audit", "verify", "--data", _folder, "--public-key", publicKey);
        intact.Exit.ShouldBe(0);
        intact.Output.ShouldContain("checkpoint 1 of 2025-03-03 10:00:00Z (2 case(s), root ");
        intact.Output.ShouldContain("1 checkpoint(s), signatures checked; nothing missing; every case is covered");

        await using (var c = new SqliteConnection($"Data Source={Path.Combine(_folder, "hongqi.db")};Pooling=False"))
        {
            await c.OpenAsync();
            await using var delete = c.CreateCommand();
            delete.CommandText = "DELETE FROM events WHERE case_id = 'c-2'; DELETE FROM cases WHERE case_id = 'c-2'";
            await delete.ExecuteNonQueryAsync();
        }

        var (exit, output, _) = await RunAsync("audit", "verify", "--data", _folder, "--public-key", publicKey);

        exit.ShouldBe(1);
        output.ShouldStartWith(
            $"audit verify: {Path.Combine(_folder, "hongqi.db")}: every case history and stored snapshot is intact\n" +
            $"audit verify: {Path.Combine(_folder, "hongqi.db")}: the operations log is intact (2 entries, SM3 chain)\n" +
            "case c-2: checkpoint: the case is missing: checkpoint 1 covers it at version 2\n");
        output.ShouldContain("1 finding(s)");
        (await RunAsync("audit", "verify", "--data", _folder, "--public-key", privateKey)).Error.ShouldContain("expected 'PUBLIC KEY'");
    }

    private async Task SeedAsync()
    {
        await using var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder));
        await store.AppendAsync(Create("c-1"));
        await store.AppendAsync(Create("c-2"));
        await store.AppendAsync(Next("c-2", 1));
        await store.AppendOperationAsync(new OperationRecord(T0, "li-si", "admin", "10.0.0.7", OperationKinds.DefinitionPublish, "SBDJ-0201", OperationResults.Success, "{}"));
        await store.AppendOperationAsync(new OperationRecord(T0, "wang-wu", "window", "10.0.0.8", OperationKinds.Authorization, "/api/definitions/export", OperationResults.Denied, "{}"));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand("test") { AuditCommands.Create(), KeysCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
