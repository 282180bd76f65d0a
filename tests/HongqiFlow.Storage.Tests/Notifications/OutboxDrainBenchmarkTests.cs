using System.Diagnostics;
using System.Globalization;
using System.Text;
using HongqiFlow.Notifications;
using HongqiFlow.Storage.Sqlite;
using HongqiFlow.Storage.Tests.Hosting;
using Xunit.Abstractions;

namespace HongqiFlow.Storage.Tests.Notifications;

/// <summary>
/// The outbox drain benchmark (docs/benchmarks.md): a SQLite store (<c>synchronous=FULL</c>) seeded with a backlog of
/// pending messages for the file channel is drained by the dispatcher with the server's options, while one writer
/// appends commands (an event, the case row and an idempotency key each, through the same group-committing writer)
/// to measure their latency against the same commands on the idle store. Every message must reach the file exactly
/// once and none stay pending. Quick mode (2,000 messages) runs with the tests; HONGQI_OUTBOX_BACKLOGS sets the
/// backlogs of a full run, e.g. <c>10000,100000</c>, and HONGQI_OUTBOX_BATCH another claim size than the default.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class OutboxDrainBenchmarkTests(ITestOutputHelper output) : IDisposable
{
    private const int MessagesPerSeedCase = 500;
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-outbox-drain-").FullName;

    [Fact]
    public async Task Drain_FileChannel_DeliversEveryMessageOnceAndReportsRateAndCommandLatency()
    {
        var backlogs = (Environment.GetEnvironmentVariable("HONGQI_OUTBOX_BACKLOGS") ?? "2000")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(b => int.Parse(b, CultureInfo.InvariantCulture))
            .ToList();
        var report = new StringBuilder();
        foreach (var backlog in backlogs)
        {
            var line = await MeasureAsync(backlog);
            output.WriteLine(line);
            report.AppendLine(line);
        }

        File.WriteAllText(Path.Combine(Path.GetTempPath(), "hongqi-outbox-drain.txt"), report.ToString());
    }

    private async Task<string> MeasureAsync(int backlog)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, backlog.ToString(CultureInfo.InvariantCulture))).FullName;
        await using var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(folder));
        var now = TimeProvider.System.GetUtcNow();
        for (var seeded = 0; seeded < backlog; seeded += MessagesPerSeedCase)
        {
            var count = Math.Min(MessagesPerSeedCase, backlog - seeded);
            await store.AppendAsync(Start($"seed-{seeded}", now) with
            {
                Outbox = [.. Enumerable.Range(seeded, count).Select(i => new OutboxRecord($"m-{i}", "log", Notice(i)))],
            });
        }

        await store.AppendAsync(Start("command-case", now));
        var version = 1L;
        async Task<double> Command()
        {
            var started = Stopwatch.GetTimestamp();
            await store.AppendAsync(new AppendRequest
            {
                CaseId = "command-case",
                ExpectedVersion = version,
                Events = [new EventRecord("procedure-start", """{"procedure":"name-verification"}""", now)],
                Snapshot = new SnapshotRecord($$"""{"state":"paused","n":{{version}}}""", "running"),
                IdempotencyKey = $"command-{version}",
                ResultJson = """{"ok":true}""",
                Now = now,
            });
            version++;
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        for (var i = 0; i < 50; i++)
        {
            await Command();
        }

        var idle = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            idle.Add(await Command());
        }

        var path = Path.Combine(folder, "outbox.jsonl");
        using var channel = new FileOutboxChannel(path, TimeProvider.System);
        var options = new OutboxDispatcherOptions { NodeId = "node-a" };
        if (int.TryParse(Environment.GetEnvironmentVariable("HONGQI_OUTBOX_BATCH"), CultureInfo.InvariantCulture, out var batchSize))
        {
            options = options with { BatchSize = batchSize };
        }

        var dispatcher = new OutboxDispatcher(store, [channel], options, TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var drain = Task.Run(async () =>
        {
            var batches = 0;
            while (await dispatcher.DispatchOnceAsync() > 0)
            {
                batches++;
            }

            return batches;
        });
        var draining = new List<double>();
        while (!drain.IsCompleted)
        {
            draining.Add(await Command());
        }

        var batches = await drain;
        var elapsed = clock.Elapsed;

        var lines = File.ReadAllLines(path);
        lines.Length.ShouldBe(backlog);
        lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("messageId").GetString()).Distinct().Count().ShouldBe(backlog);
        (await store.QueryOutboxAsync(new OutboxQuery(OutboxState.Pending, Limit: 10))).ShouldBeEmpty();

        idle.Sort();
        draining.Sort();
        var idleP50 = Percentile(idle, 0.5);
        var drainP50 = Percentile(draining, 0.5);
        return string.Create(CultureInfo.InvariantCulture,
            $"backlog {backlog}: {elapsed.TotalSeconds:0.00} s, {backlog / elapsed.TotalSeconds:0} messages/s, {elapsed.TotalMicroseconds / Math.Max(1, backlog):0.0} µs/message, {batches} batches of {options.BatchSize}; " +
            $"command p50 idle {idleP50:0.00} ms, while draining {drainP50:0.00} ms ({drainP50 / idleP50:0.00}×, {draining.Count} commands), p99 idle {Percentile(idle, 0.99):0.00} ms, draining {Percentile(draining, 0.99):0.00} ms; " +
            $"load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static AppendRequest Start(string caseId, DateTimeOffset now) => new()
    {
        CaseId = caseId,
        ExpectedVersion = 0,
        DefinitionId = "QYKB-0001",
        Events = [new EventRecord("submitted", """{"applicant":{"name":"压测申请人"}}""", now)],
        Snapshot = new SnapshotRecord("""{"state":"accepted"}""", "running"),
        ResultJson = "{}",
        Now = now,
    };

    /// <summary>A notification of the size the demo writes (a template, its case, receipt and a few words).</summary>
    private static string Notice(int i) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"template":"accepted","caseId":"seed-{{{i / MessagesPerSeedCase}}}","receipt":"QYKB-2026-{{{i:D6}}}","to":{"name":"压测申请人","phone":"138****0000"},"words":{"item":"企业开办","step":"受理","deadline":"2026-12-20"}}""");

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
