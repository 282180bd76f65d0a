using System.Diagnostics;
using HongqiFlow.Scheduling;
using HongqiFlow.Storage.CrashHost;
using HongqiFlow.Storage.Sqlite;

namespace HongqiFlow.Storage.Tests.Crash;

/// <summary>
/// Kills a child process that applies commands to a SQLite file with SIGKILL at random moments, then checks
/// what survived: every acknowledged command, an intact hash chain, snapshots equal to a replay, and timers
/// neither lost nor fired twice.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int Kills = 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-crash-").FullName;

    private string Database => Path.Combine(_folder, "hongqi.db");

    [Fact]
    public async Task Sigkill_AtRandomMoments_LosesNoAcknowledgedCommandAndFiresNoTimerTwice()
    {
        var random = new Random(20250303);
        var acknowledged = new List<string>();
        var scheduledTimers = new List<string>();
        var deadline = Stopwatch.StartNew();

        for (var run = 0; run < Kills; run++)
        {
            var lines = await RunUntilKilledAsync(run, ackCount: random.Next(1, 25));
            foreach (var parts in lines.Select(l => l.Split(' ')).Where(p => p[0] == "ack"))
            {
                acknowledged.Add(parts[1]);
                if (parts.Length == 3)
                {
                    scheduledTimers.Add(parts[2]);
                }
            }

            await using var store = await SqliteCaseStore.OpenAsync(new SqliteCaseStoreOptions { FilePath = Database });
            await CheckAsync(store, acknowledged, scheduledTimers, mustAllHaveFired: false);
        }

        // Drain what the dead nodes left: claim past every lease, as a surviving node would later.
        await using (var store = await SqliteCaseStore.OpenAsync(new SqliteCaseStoreOptions { FilePath = Database }))
        {
            var later = new LaterClock(TimeSpan.FromMinutes(5));
            var scheduler = new TimerScheduler(store, new CounterTimerHandler(store, later, _ => { }), new TimerSchedulerOptions { NodeId = "survivor" }, later);
            while (await scheduler.PollOnceAsync() > 0)
            {
            }

            await CheckAsync(store, acknowledged, scheduledTimers, mustAllHaveFired: true);
        }

        acknowledged.Count.ShouldBeGreaterThanOrEqualTo(Kills);
        deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
    }

    private static async Task CheckAsync(SqliteCaseStore store, List<string> acknowledged, List<string> scheduledTimers, bool mustAllHaveFired)
    {
        (await store.VerifyAuditAsync()).ShouldBeEmpty();
        var presentCommands = new HashSet<string>(StringComparer.Ordinal);
        var firedCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var timerStates = new Dictionary<string, TimerState>(StringComparer.Ordinal);
        foreach (var summary in await store.ListCasesAsync(new CaseQuery(Limit: 100)))
        {
            var history = await store.ReadHistoryAsync(summary.CaseId);
            var snapshot = (await store.LoadAsync(summary.CaseId))!;
            snapshot.StateJson.ShouldBe(CounterState.Replay(history).ToJson(), $"snapshot of {summary.CaseId} differs from the replay of its history");
            snapshot.Version.ShouldBe(history.Count);
            foreach (var e in history)
            {
                using var payload = System.Text.Json.JsonDocument.Parse(e.PayloadJson);
                if (e.Type == "added")
                {
                    presentCommands.Add(payload.RootElement.GetProperty("command").GetString()!);
                }
                else
                {
                    var timer = payload.RootElement.GetProperty("timer").GetString()!;
                    firedCounts[timer] = firedCounts.GetValueOrDefault(timer) + 1;
                }
            }

            foreach (var t in await store.ListTimersAsync(summary.CaseId))
            {
                timerStates[t.TimerId] = t.State;
            }
        }

        acknowledged.Where(c => !presentCommands.Contains(c)).ShouldBeEmpty("acknowledged commands missing after the crash");
        firedCounts.Where(f => f.Value > 1).ShouldBeEmpty("timers fired twice");
        scheduledTimers.Where(t => !timerStates.ContainsKey(t)).ShouldBeEmpty("acknowledged timers lost");
        timerStates.Where(t => (t.Value == TimerState.Fired) != firedCounts.ContainsKey(t.Key)).ShouldBeEmpty("timer state disagrees with the history");
        if (mustAllHaveFired)
        {
            timerStates.Where(t => t.Value != TimerState.Fired).Select(t => t.Key).ShouldBeEmpty("timers never fired");
        }
    }

    private async Task<List<string>> RunUntilKilledAsync(int run, int ackCount)
    {
        using var child = Process.Start(new ProcessStartInfo("dotnet", [CrashHostPath(), Database, run.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var lines = new List<string>();
        var acks = 0;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (line.StartsWith("ack ", StringComparison.Ordinal) && ++acks >= ackCount)
            {
                // Process.Kill sends SIGKILL on Linux: no finally blocks, no flush, no dispose.
                child.Kill();
                break;
            }
        }

        // Lines written before the kill are acknowledgements too; a line cut by the kill is not.
        var rest = (await child.StandardOutput.ReadToEndAsync()).Split('\n');
        lines.AddRange(rest[..^1]);
        await child.WaitForExitAsync();
        if (acks == 0)
        {
            throw new InvalidOperationException($"the crash host acknowledged nothing: {await child.StandardError.ReadToEndAsync()}");
        }

        return lines;
    }

    private static string CrashHostPath()
    {
        // tests/HongqiFlow.Storage.Tests/bin/<configuration>/<tfm>/ → the sibling project's output.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "HongqiFlow.Storage.CrashHost", "bin", configuration, tfm, "HongqiFlow.Storage.CrashHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build tests/HongqiFlow.Storage.CrashHost first; expected {path}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The real clock moved ahead, so leases left by killed nodes have run out.</summary>
    private sealed class LaterClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}
