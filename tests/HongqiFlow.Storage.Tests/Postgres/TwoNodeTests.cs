using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using HongqiFlow.Notifications;
using HongqiFlow.Scheduling;
using HongqiFlow.Storage.Postgres;
using HongqiFlow.Storage.Tests.Notifications;

namespace HongqiFlow.Storage.Tests.Postgres;

/// <summary>
/// Two nodes (each its own pool, scheduler and dispatcher) on one PostgreSQL: both append to the same 1,000 cases
/// at once, schedule short timers and send notifications. No update may be lost, every timer must fire exactly
/// once, and every notification must arrive at least once (the receiver deduplicates by key).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoNodeTests(PostgresServer server)
{
    private const int Cases = 1000;
    private static readonly string[] Nodes = ["node-a", "node-b"];

    [PostgresFact]
    public async Task TwoNodes_SameCasesConcurrently_NoLostUpdateTimersOnceNotificationsDelivered()
    {
        var clock = Stopwatch.StartNew();
        var connectionString = await server.CreateDatabaseAsync();
        using var receiver = new LoopbackReceiver();
        using var http = new HttpClient();
        var fired = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var stores = new List<PostgresCaseStore>();
        var services = new List<Microsoft.Extensions.Hosting.BackgroundService>();
        foreach (var node in Nodes)
        {
            var store = await PostgresCaseStore.OpenAsync(connectionString);
            stores.Add(store);
            services.Add(new TimerScheduler(store, new FiringHandler(store, fired), new TimerSchedulerOptions { NodeId = node, PollInterval = TimeSpan.FromMilliseconds(50) }, TimeProvider.System));
            services.Add(new OutboxDispatcher(store, [new WebhookOutboxChannel(http, receiver.Endpoint)], new OutboxDispatcherOptions { NodeId = node, PollInterval = TimeSpan.FromMilliseconds(50), BaseDelay = TimeSpan.FromMilliseconds(100) }, TimeProvider.System));
        }

        foreach (var service in services)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            // Each node creates half the cases, then both append to every case at once.
            await Task.WhenAll(stores.Select((store, n) => Parallel.ForEachAsync(Enumerable.Range(0, Cases).Where(i => i % 2 == n), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (i, ct) => await store.AppendAsync(NewCase(i), ct))));
            await Task.WhenAll(stores.Select((store, n) => Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (i, ct) => await AppendWithRetryAsync(store, CaseId(i), Nodes[n], ct))));

            var deliveredAll = false;
            while (clock.Elapsed < TimeSpan.FromSeconds(50) && !deliveredAll)
            {
                deliveredAll = fired.Count == Cases * Nodes.Length && receiver.Accepted.Count == Cases * Nodes.Length;
                await Task.Delay(100);
            }
        }
        finally
        {
            foreach (var service in services)
            {
                await service.StopAsync(CancellationToken.None);
                service.Dispose();
            }
        }

        var reader = stores[0];
        var firedEvents = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in Enumerable.Range(0, Cases))
        {
            var history = await reader.ReadHistoryAsync(CaseId(i));
            var snapshot = (await reader.LoadAsync(CaseId(i)))!;
            history.Where(e => e.Type == "noted").Select(e => JsonDocument.Parse(e.PayloadJson).RootElement.GetProperty("node").GetString()).Order(StringComparer.Ordinal).ToArray().ShouldBe(Nodes, $"lost update on {CaseId(i)}");
            snapshot.StateJson.ShouldBe($$"""{"events":{{history.Count}}}""");
            foreach (var e in history.Where(e => e.Type == "timer-fired"))
            {
                var timer = JsonDocument.Parse(e.PayloadJson).RootElement.GetProperty("timer").GetString()!;
                firedEvents[timer] = firedEvents.GetValueOrDefault(timer) + 1;
            }
        }

        firedEvents.Count.ShouldBe(Cases * Nodes.Length);
        firedEvents.Where(f => f.Value != 1).ShouldBeEmpty("timers fired more than once");
        receiver.Accepted.Count.ShouldBe(Cases * Nodes.Length);
        (await reader.QueryOutboxAsync(new OutboxQuery(State: OutboxState.Pending))).ShouldBeEmpty();
        (await reader.VerifyAuditAsync()).ShouldBeEmpty();
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    private static string CaseId(int i) => $"case-{i:D4}";

    private static AppendRequest NewCase(int i) => new()
    {
        CaseId = CaseId(i),
        ExpectedVersion = 0,
        DefinitionId = "enterprise-establishment",
        Events = [new EventRecord("submitted", "{}", DateTimeOffset.UtcNow)],
        Snapshot = new SnapshotRecord("""{"events":1}""", "running"),
        Now = DateTimeOffset.UtcNow,
    };

    private static async Task AppendWithRetryAsync(ICaseStore store, string caseId, string node, CancellationToken ct)
    {
        var id = $"{caseId}-{node}";
        while (true)
        {
            var current = (await store.LoadAsync(caseId, ct))!;
            try
            {
                var now = DateTimeOffset.UtcNow;
                await store.AppendAsync(new AppendRequest
                {
                    CaseId = caseId,
                    ExpectedVersion = current.Version,
                    Events = [new EventRecord("noted", $$"""{"node":"{{node}}"}""", now)],
                    Snapshot = new SnapshotRecord($$"""{"events":{{current.Version + 1}}}""", "running"),
                    TimersToSchedule = [new TimerRecord($"tm-{id}", "warning", now.AddMilliseconds(200), "{}")],
                    Outbox = [new OutboxRecord($"msg-{id}", "webhook", $$"""{"case":"{{caseId}}","node":"{{node}}"}""")],
                    IdempotencyKey = $"cmd-{id}",
                    Now = now,
                }, ct);
                return;
            }
            catch (ConcurrencyException)
            {
                // The other node got there first: decide again on the new version.
            }
        }
    }

    private sealed class FiringHandler(ICaseStore store, ConcurrentDictionary<string, int> fired) : ITimerHandler
    {
        public async Task HandleAsync(ClaimedTimer timer, CancellationToken cancellationToken)
        {
            while (true)
            {
                var current = (await store.LoadAsync(timer.CaseId, cancellationToken))!;
                try
                {
                    await store.AppendAsync(new AppendRequest
                    {
                        CaseId = timer.CaseId,
                        ExpectedVersion = current.Version,
                        Events = [new EventRecord("timer-fired", $$"""{"timer":"{{timer.TimerId}}"}""", DateTimeOffset.UtcNow)],
                        Snapshot = new SnapshotRecord($$"""{"events":{{current.Version + 1}}}""", "running"),
                        CompletesTimer = new TimerCompletion(timer.TimerId, timer.NodeId),
                        Now = DateTimeOffset.UtcNow,
                    }, cancellationToken);
                    fired.AddOrUpdate(timer.TimerId, 1, (_, n) => n + 1);
                    return;
                }
                catch (ConcurrencyException)
                {
                }
            }
        }
    }
}
