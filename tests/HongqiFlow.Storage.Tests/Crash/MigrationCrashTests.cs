using System.Diagnostics;
using System.Globalization;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Storage.Sqlite;
using HongqiFlow.Tests;
using Microsoft.Data.Sqlite;

namespace HongqiFlow.Storage.Tests.Crash;

/// <summary>
/// Kills <c>hongqi migrate execute</c> with SIGKILL in the middle of a batch, several times, then runs it to the end:
/// every case reported moved stays moved, each case is moved exactly once, histories and snapshots stay intact and
/// equal to a replay, and the store's timers are the ones the cases hold.
/// </summary>
public sealed class MigrationCrashTests : IDisposable
{
    private const int Cases = 24;
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-migrate-crash-").FullName;

    private string Catalog => Repository.Path("definitions");

    private string PlanFile => Path.Combine(_folder, "plan.json");

    [Fact]
    public async Task Sigkill_DuringABatch_ResumedByTheSameCommand_MovesEveryCaseExactlyOnce()
    {
        await SeedAndPlanAsync();
        var reported = new List<string>();
        var random = new Random(20261207);
        for (var kill = 0; kill < 3; kill++)
        {
            var (lines, _) = await RunAsync(killAfter: random.Next(1, 5));
            reported.AddRange(lines.Where(l => l.EndsWith(": migrated", StringComparison.Ordinal)).Select(l => l.Trim().Split(':')[0]));
        }

        reported.Count.ShouldBeGreaterThanOrEqualTo(3);
        var (last, exit) = await RunAsync(killAfter: null);
        exit.ShouldBe(0, string.Join('\n', last));
        last[^1].ShouldBe(string.Create(CultureInfo.InvariantCulture, $"migrate execute: QYKB-0001 1 → 2: {Cases} moved, 0 refused"));
        var already = last.Where(l => l.EndsWith(": already-migrated", StringComparison.Ordinal)).Select(l => l.Trim().Split(':')[0]).ToList();
        (already.Count + last.Count(l => l.EndsWith(": migrated", StringComparison.Ordinal))).ShouldBe(Cases);
        reported.ShouldBeSubsetOf(already, "a case reported moved before a kill must be found moved");

        await using var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder));
        using var registry = await DefinitionRegistry.OpenAsync(store, Catalog, TimeProvider.System);
        var cases = new CaseService(store, registry, TimeProvider.System);
        (await store.VerifyAuditAsync()).ShouldBeEmpty();
        for (var i = 0; i < Cases; i++)
        {
            var id = CaseId(i);
            (await store.LoadAsync(id))!.DefinitionId.ShouldBe("QYKB-0001@2");
            (await cases.HistoryAsync(id)).Count(e => e.Type == CaseEventTypes.CaseMigrated).ShouldBe(1, id);
            var state = (await cases.GetAsync(id)).State;
            (await cases.ReplayAsync(id)).ShouldBe(state);
            var scheduled = (await store.ListTimersAsync(id)).Where(t => t.State == TimerState.Scheduled).Select(t => t.TimerId).Order().ToList();
            scheduled.ShouldBe([.. state.Timers.Select(t => TimerPayload.StoreId(id, t.Id)).Order()], id);
        }
    }

    private static string CaseId(int i) => string.Create(CultureInfo.InvariantCulture, $"m-{i:00}");

    private async Task SeedAndPlanAsync()
    {
        await using var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder));
        using var registry = await DefinitionRegistry.OpenAsync(store, Catalog, TimeProvider.System);
        var yaml = (await File.ReadAllTextAsync(Path.Combine(Catalog, "enterprise-establishment.yaml")))
            .Replace("  version: 1", "  version: 2", StringComparison.Ordinal)
            .Replace("promised: 0.5wd", "promised: 0.25wd", StringComparison.Ordinal)
            .Replace("supplementWithin: 0.5wd", "supplementWithin: 0.25wd", StringComparison.Ordinal);
        await store.SaveDraftAsync("QYKB-0001", yaml, 0, "alice", DateTimeOffset.UtcNow);
        (await registry.PublishAsync("QYKB-0001", "alice")).IsPublished.ShouldBeTrue();
        var cases = new CaseService(store, registry, TimeProvider.System);
        var window = Actor.Window("w-1");
        for (var i = 0; i < Cases; i++)
        {
            var start = new CaseStart { CaseId = CaseId(i), Receipt = CaseId(i), Applicant = new Applicant("张三", null, "13800000000"), Submitted = new[] { "application", "articles", "premises", "shareholder-resolution" } };
            (await cases.StartAsync("QYKB-0001@1", start, window, Channel.Window)).IsAccepted.ShouldBeTrue();
            if (i % 2 == 0)
            {
                (await cases.SendAsync(CaseId(i), Command.Send("accept", window))).IsAccepted.ShouldBeTrue();
            }
        }

        var plan = await new CaseMigrator(store, registry, TimeProvider.System).PlanAsync("QYKB-0001", 1, 2, StateMappingFile.Empty, Actor.System);
        plan.Cases.Count.ShouldBe(Cases);
        await File.WriteAllTextAsync(PlanFile, MigrationJson.Serialize(plan));
    }

    /// <summary>Runs <c>hongqi migrate execute</c>; with <paramref name="killAfter"/>, kills it once it reported that many cases.</summary>
    private async Task<(List<string> Lines, int Exit)> RunAsync(int? killAfter)
    {
        using var child = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "hongqi.dll"), "migrate", "execute",
            "--data", _folder, "--definitions", Catalog, "--plan", PlanFile, "--user", "admin-1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var lines = new List<string>();
        var seen = 0;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (killAfter is { } k && line.EndsWith(": migrated", StringComparison.Ordinal) && ++seen >= k)
            {
                // Process.Kill sends SIGKILL on Linux: no finally blocks, no flush, no dispose.
                child.Kill();
                break;
            }
        }

        var rest = (await child.StandardOutput.ReadToEndAsync()).Split('\n');
        lines.AddRange(rest[..^1]);
        await child.WaitForExitAsync();
        if (lines.Count == 0)
        {
            throw new InvalidOperationException($"migrate execute printed nothing: {await child.StandardError.ReadToEndAsync()}");
        }

        return (lines, child.ExitCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
