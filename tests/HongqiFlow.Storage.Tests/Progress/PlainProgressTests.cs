using HongqiFlow.Cli.Commands;
using HongqiFlow.Messages;
using HongqiFlow.Progress;
using HongqiFlow.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Progress;

/// <summary>
/// The one progress abstraction in its form for logs and CI (no terminal): periodic lines with the count, the share
/// done and the time left, a closing line, and silence for an operation too short to need one; and the operations
/// that report through it.
/// </summary>
public sealed class PlainProgressTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _log = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-progress-").FullName;

    [Fact]
    public void LongActivity_WritesALineEveryInterval_WithTheCountAndTimeLeft_AndAClosingLine()
    {
        var progress = new PlainProgress(_log, _time, TimeSpan.FromSeconds(5));

        using (var counter = progress.Start("audit verify", 1000, "cases"))
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            counter.Advance(100);
            _time.Advance(TimeSpan.FromSeconds(3));
            counter.Advance(150);
            _time.Advance(TimeSpan.FromSeconds(1));
            counter.Advance(50);
            _time.Advance(TimeSpan.FromSeconds(9));
            counter.Advance(450);
            _time.Advance(TimeSpan.FromSeconds(5));
            counter.Advance(250);
        }

        Lines().ShouldBe(
        [
            "audit verify: 250/1,000 cases (25%), about 15 s left",
            "audit verify: 750/1,000 cases (75%), about 5 s left",
            "audit verify: 1,000 cases in 20 s",
        ]);
    }

    [Fact]
    public void QuickActivity_WritesNothing()
    {
        var progress = new PlainProgress(_log, _time, TimeSpan.FromSeconds(5));

        using (var counter = progress.Start("migrations", 2, "steps"))
        {
            counter.Advance();
            _time.Advance(TimeSpan.FromSeconds(1));
            counter.Advance();
        }

        _log.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void UnknownTotal_CountsWhatIsDone_AndChineseComesFromTheCatalog()
    {
        var progress = new PlainProgress(_log, _time, TimeSpan.FromSeconds(5), Language.Chinese);

        using (var counter = progress.Start("copy", 0, "pages"))
        {
            _time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(5));
            counter.Advance(12_345);
        }

        Lines().ShouldBe(["copy：已 12,345 pages（3 min 05 s）", "copy：12,345 pages，用时 3 min 05 s"]);
    }

    [Fact]
    public void Durations_ReadAsPeopleReadThem()
    {
        PlainProgress.Duration(TimeSpan.FromMilliseconds(300)).ShouldBe("<1 s");
        PlainProgress.Duration(TimeSpan.FromSeconds(42)).ShouldBe("42 s");
        PlainProgress.Duration(TimeSpan.FromSeconds(185)).ShouldBe("3 min 05 s");
        PlainProgress.Duration(TimeSpan.FromMinutes(127)).ShouldBe("2 h 07 min");
    }

    [Fact]
    public void TheCommandLine_ShowsNoBarWhereNoTerminalIs()
    {
        CliProgress.IsTerminal(new StringWriter()).ShouldBeFalse();
    }

    [Fact]
    public async Task BackupAndAuditVerify_CountTheirWork()
    {
        await using (var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder)))
        {
            foreach (var i in Enumerable.Range(0, 5))
            {
                await store.AppendAsync(Create($"c-{i}"));
            }

            var audit = new Upgrade.RecordingProgress();
            (await store.VerifyAuditAsync(audit)).ShouldBeEmpty();
            (audit.Totals["audit verify"], audit.Done["audit verify"]).ShouldBe((5, 5));
        }

        var backup = new Upgrade.RecordingProgress();
        var check = await SqliteBackup.BackupAsync(Path.Combine(_folder, "hongqi.db"), Path.Combine(_folder, "copy.db"), backup);

        check.Cases.ShouldBe(5);
        backup.Done["copy"].ShouldBe(backup.Totals["copy"]);
        backup.Done["copy"].ShouldBeGreaterThan(0);
        (backup.Totals["audit verify"], backup.Done["audit verify"]).ShouldBe((5, 5));
    }

    private string[] Lines() => _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        _log.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
