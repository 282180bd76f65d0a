using System.Collections.Concurrent;
using System.Diagnostics;
using HongqiFlow.Storage.Sqlite;
using HongqiFlow.Storage.Tests.Cli;
using Microsoft.Data.Sqlite;
using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Backup;

/// <summary>
/// <c>hongqi backup</c> and <c>hongqi restore</c> on the embedded store: a backup taken while commands keep being
/// acknowledged holds every command acknowledged before it began and is one consistent moment of the store (every
/// case's history a prefix of the live one, every chain and seal intact); restore refuses a folder that holds anything
/// and a backup that does not verify.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-backup-").FullName;

    private string Data => Path.Combine(_folder, "data");

    private string BackupFile => Path.Combine(_folder, "backups", "hongqi-1.db");

    private string Restored => Path.Combine(_folder, "restored");

    [Fact]
    public async Task Backup_DuringALoadOfCommands_RestoresEveryCommandAcknowledgedBeforeItBegan_AndVerifies()
    {
        await using var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(Data));
        await Parallel.ForEachAsync(Enumerable.Range(0, 1500), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, ct) => await store.AppendAsync(Next($"seed-{i:D4}", 0, "submitted") with { DefinitionId = "enterprise-establishment" }, ct));

        // The load: 8 clients, 400 commands each (a new case, then three more events on it), each acknowledgement timed.
        var acknowledged = new ConcurrentQueue<(string CaseId, long Version, long At)>();
        var load = Task.WhenAll(Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < 400; i++)
            {
                var caseId = $"load-{client}-{i / 4:D3}";
                var version = i % 4;
                var request = version == 0 ? Create(caseId, key: $"k-{caseId}-0") : Next(caseId, version, key: $"k-{caseId}-{version}");
                var result = await store.AppendAsync(request);
                acknowledged.Enqueue((caseId, result.Version, Stopwatch.GetTimestamp()));
            }
        })));
        while (acknowledged.Count < 300 && !load.IsCompleted)
        {
            await Task.Delay(5);
        }

        var began = Stopwatch.GetTimestamp();
        var (exit, output, error) = await HongqiCli.RunAsync("backup", "--data", Data, "--to", BackupFile);
        var ended = Stopwatch.GetTimestamp();
        await load;

        exit.ShouldBe(0, error);
        output.ShouldStartWith($"backup: {BackupFile}: ");
        output.ShouldContain("integrity check ok, every case history and stored snapshot is intact");
        acknowledged.Count(a => a.At > began && a.At < ended).ShouldBeGreaterThan(0, "commands were acknowledged while the backup ran");
        acknowledged.Count(a => a.At > ended).ShouldBeGreaterThan(0, "the load went on after the backup");

        (exit, output, error) = await HongqiCli.RunAsync("restore", "--from", BackupFile, "--data", Restored);
        exit.ShouldBe(0, error);
        output.ShouldStartWith($"restore: {BackupFile} → {Path.Combine(Restored, "hongqi.db")}: ");

        await using var copy = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(Restored));
        foreach (var (caseId, version, _) in acknowledged.Where(a => a.At < began))
        {
            ((await copy.LoadAsync(caseId))?.Version ?? 0).ShouldBeGreaterThanOrEqualTo(version, $"{caseId} v{version} was acknowledged before the backup began");
        }

        (await copy.VerifyAuditAsync()).ShouldBeEmpty();
        var copied = await copy.ListCasesAsync(new CaseQuery(Limit: 10_000));
        copied.Count.ShouldBeGreaterThanOrEqualTo(1500 + 75);
        foreach (var row in copied.Where(r => r.CaseId.StartsWith("load-", StringComparison.Ordinal)))
        {
            var live = await store.ReadHistoryAsync(row.CaseId);
            var restored = await copy.ReadHistoryAsync(row.CaseId);
            restored.ShouldBe(live.Take(restored.Count), $"{row.CaseId}: the copy is one moment of the store");
        }
    }

    [Fact]
    public async Task Restore_IntoAFolderThatHoldsAnything_IsRefused_AndChangesNothing()
    {
        await SeedAsync();
        (await HongqiCli.RunAsync("backup", "--data", Data, "--to", BackupFile)).Exit.ShouldBe(0);
        Directory.CreateDirectory(Restored);
        await File.WriteAllTextAsync(Path.Combine(Restored, "notes.txt"), "keep me");

        var (exit, output, error) = await HongqiCli.RunAsync("restore", "--from", BackupFile, "--data", Restored);

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe($"restore: {Restored} is not empty (it holds notes.txt); restore into an empty or new folder and point --data at it; existing data is never overwritten\n");
        Directory.GetFileSystemEntries(Restored).ShouldBe([Path.Combine(Restored, "notes.txt")]);

        (exit, _, error) = await HongqiCli.RunAsync("restore", "--from", BackupFile, "--data", Data, "--lang", "zh");
        exit.ShouldBe(2);
        error.ShouldBe($"恢复：{Data} 不是空文件夹（含 hongqi.db）；请恢复到空的或新的文件夹，再用 --data 指向它，不会覆盖现有数据\n");
    }

    [Fact]
    public async Task Backup_ToAFileThatExists_IsRefused_AndLeavesItAlone()
    {
        await SeedAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(BackupFile)!);
        await File.WriteAllTextAsync(BackupFile, "an older backup");

        var (exit, _, error) = await HongqiCli.RunAsync("backup", "--data", Data, "--to", BackupFile);

        exit.ShouldBe(2);
        error.ShouldBe($"backup: {BackupFile} already exists; a backup never overwrites a file, give a new name\n");
        (await File.ReadAllTextAsync(BackupFile)).ShouldBe("an older backup");
    }

    [Fact]
    public async Task Backup_WithoutAStore_SaysWhereItLooked()
    {
        var (exit, _, error) = await HongqiCli.RunAsync("backup", "--data", Data, "--to", BackupFile);

        exit.ShouldBe(2);
        error.ShouldBe($"backup: no store at {Path.Combine(Data, "hongqi.db")}; pass --data with the folder that holds hongqi.db\n");
        File.Exists(BackupFile).ShouldBeFalse();
    }

    [Fact]
    public async Task Restore_OfABackupWhoseHistoryWasAltered_WritesNothing()
    {
        await SeedAsync();
        (await HongqiCli.RunAsync("backup", "--data", Data, "--to", BackupFile)).Exit.ShouldBe(0);
        await using (var c = new SqliteConnection($"Data Source={BackupFile};Pooling=False"))
        {
            await c.OpenAsync();
            await using var update = c.CreateCommand();
            update.CommandText = "UPDATE events SET type = 'approved' WHERE case_id = 'c-2' AND version = 2";
            (await update.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var (exit, output, _) = await HongqiCli.RunAsync("restore", "--from", BackupFile, "--data", Restored);

        exit.ShouldBe(1);
        output.ShouldBe(
            "case c-2: event 2: event 2 (approved) was altered: its content no longer matches its hash\n" +
            "restore: 1 case(s) in the backup were altered (above); nothing was written. Use an earlier backup\n");
        Directory.Exists(Restored).ShouldBeFalse();
    }

    [Fact]
    public async Task Restore_OfAFileThatIsNoStore_WritesNothing()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(BackupFile)!);
        await File.WriteAllTextAsync(BackupFile, "not a database at all, just some text that is long enough to look like a file header......");

        var (exit, _, error) = await HongqiCli.RunAsync("restore", "--from", BackupFile, "--data", Restored);

        exit.ShouldBe(1);
        error.ShouldStartWith($"restore: {BackupFile} is not a sound HongqiFlow backup (");
        error.ShouldEndWith("); nothing was written\n");
        Directory.Exists(Restored).ShouldBeFalse();
    }

    private async Task SeedAsync()
    {
        await using var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(Data));
        await store.AppendAsync(Create("c-1"));
        await store.AppendAsync(Create("c-2"));
        await store.AppendAsync(Next("c-2", 1));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
