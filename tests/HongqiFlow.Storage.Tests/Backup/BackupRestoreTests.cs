using System.Collections.Concurrent;
using System.Diagnostics;
using HongqiFlow.Progress;
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

        // The load: 8 clients (a new case, then three more events on it), each acknowledgement timed; every client sends
        // at least 400 commands and goes on until the backup is over.
        var acknowledged = new ConcurrentQueue<(string CaseId, long Version, long At)>();
        using var backupOver = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < 400 || (!backupOver.IsCancellationRequested && i < 40_000); i++)
            {
                var caseId = $"load-{client}-{i / 4:D4}";
                var version = i % 4;
                var request = version == 0 ? Create(caseId, key: $"k-{caseId}-0") : Next(caseId, version, key: $"k-{caseId}-{version}");
                var result = await store.AppendAsync(request);
                acknowledged.Enqueue((caseId, result.Version, Stopwatch.GetTimestamp()));
            }
        })));
        WaitFor(() => acknowledged.Count >= 300, load);

        // The backup waits, before it copies and again once the copy is taken, until the load has had 50 more commands
        // acknowledged: some land before the copy's moment, some after it, all while the backup runs.
        var began = Stopwatch.GetTimestamp();
        var progress = new WaitingProgress(() =>
        {
            var from = Stopwatch.GetTimestamp();
            WaitFor(() => acknowledged.Count(a => a.At > from) >= 50, load);
        });
        var check = await SqliteBackup.BackupAsync(Path.Combine(Data, SqliteBackup.FileName), BackupFile, progress);
        var ended = Stopwatch.GetTimestamp();
        await backupOver.CancelAsync();
        await load;

        check.IsSound.ShouldBeTrue(check.Integrity);
        check.Findings.ShouldBeEmpty();
        progress.Waited.ShouldBe(["copy", "audit verify"]);
        acknowledged.Count(a => a.At > began && a.At < ended).ShouldBeGreaterThanOrEqualTo(100, "commands were acknowledged while the backup ran");

        var (exit, output, error) = await HongqiCli.RunAsync("restore", "--from", BackupFile, "--data", Restored);
        exit.ShouldBe(0, error);
        output.ShouldStartWith($"restore: {BackupFile} → {Path.Combine(Restored, "hongqi.db")}: ");

        await using var copy = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(Restored));
        foreach (var (caseId, version, _) in acknowledged.Where(a => a.At < began))
        {
            ((await copy.LoadAsync(caseId))?.Version ?? 0).ShouldBeGreaterThanOrEqualTo(version, $"{caseId} v{version} was acknowledged before the backup began");
        }

        (await copy.VerifyAuditAsync()).ShouldBeEmpty();
        var copied = await copy.ListCasesAsync(new CaseQuery(Limit: 100_000));
        copied.Count.ShouldBeGreaterThanOrEqualTo(1500 + 75);
        copied.Count.ShouldBeLessThan((await store.ListCasesAsync(new CaseQuery(Limit: 100_000))).Count, "commands acknowledged after the copy's moment are not in it");
        foreach (var row in copied.Where(r => r.CaseId.StartsWith("load-", StringComparison.Ordinal)))
        {
            var live = await store.ReadHistoryAsync(row.CaseId);
            var restored = await copy.ReadHistoryAsync(row.CaseId);
            restored.ShouldBe(live.Take(restored.Count), $"{row.CaseId}: the copy is one moment of the store");
        }
    }

    [Fact]
    public async Task Backup_FromTheCommandLine_SaysWhatItCopiedAndThatEveryHistoryIsIntact()
    {
        await SeedAsync();

        var (exit, output, error) = await HongqiCli.RunAsync("backup", "--data", Data, "--to", BackupFile);

        exit.ShouldBe(0, error);
        output.ShouldStartWith($"backup: {BackupFile}: ");
        output.ShouldContain("integrity check ok, every case history and stored snapshot is intact");
        File.Exists(BackupFile).ShouldBeTrue();
        File.Exists(BackupFile + ".partial").ShouldBeFalse();
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

    /// <summary>Waits (at most a minute) until <paramref name="condition"/> holds; fails when the load ended first.</summary>
    private static void WaitFor(Func<bool> condition, Task load)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            load.IsCompleted.ShouldBeFalse("the load ended before the backup saw it");
            deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(1), "the load stalled");
            Thread.Sleep(5);
        }
    }

    /// <summary>A progress that, as each activity of the backup starts, waits for the load to go on.</summary>
    private sealed class WaitingProgress(Action waitForTheLoad) : IOperationProgress
    {
        public ConcurrentQueue<string> Waited { get; } = new();

        public IProgressCounter Start(string activity, long total, string unit)
        {
            waitForTheLoad();
            Waited.Enqueue(activity);
            return OperationProgress.None.Start(activity, total, unit);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
