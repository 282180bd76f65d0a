using HongqiFlow.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>
/// SQLite's one-row layout (migration 11): a command's key, lone timer and lone message are columns of its last event;
/// more than one timer or message, or a command without events, overflow into their tables; reads and claims see both
/// places in one order.
/// </summary>
public sealed class SqliteEventRowsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-onerow-").FullName;
    private SqliteCaseStore _store = null!;

    public async Task InitializeAsync() => _store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder));

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static AppendRequest Command(string caseId, long expected, string key, int events, TimerRecord[] timers, OutboxRecord[] messages) => new()
    {
        CaseId = caseId,
        ExpectedVersion = expected,
        DefinitionId = "enterprise-establishment",
        Events = [.. Enumerable.Range(0, events).Select(i => new EventRecord("step", $$"""{"n":{{i}}}""", T0))],
        Snapshot = new SnapshotRecord("{}", "running"),
        TimersToSchedule = timers,
        Outbox = messages,
        IdempotencyKey = key,
        Now = T0,
    };

    private static TimerRecord Timer(string id, int minutes) => new(id, "deadline", T0.AddMinutes(minutes), "{}");

    private static OutboxRecord Message(string id) => new(id, "log", "{}");

    [Fact]
    public async Task KeyTimersAndMessages_LiveOnTheEvents_AndNoOtherTableGetsARow()
    {
        await _store.AppendAsync(Command("c-1", 0, "k-1", 2, [Timer("t-1", 5)], [Message("m-1")]));

        (await CountAsync("SELECT count(*) FROM command_results")).ShouldBe(0);
        (await CountAsync("SELECT count(*) FROM timers")).ShouldBe(0);
        (await CountAsync("SELECT count(*) FROM outbox")).ShouldBe(0);
        (await CountAsync("SELECT count(*) FROM events WHERE version = 1 AND idempotency_key IS NULL AND timer_id = 't-1' AND message_id = 'm-1'")).ShouldBe(1);
        (await CountAsync("SELECT count(*) FROM events WHERE version = 2 AND idempotency_key = 'k-1' AND timer_id IS NULL AND message_id IS NULL")).ShouldBe(1);

        // As many timers and messages as events: one on each, in order.
        await _store.AppendAsync(Command("c-1", 2, "k-2", 2, [Timer("t-2", 6), Timer("t-3", 7)], [Message("m-2"), Message("m-3")]));
        (await CountAsync("SELECT count(*) FROM events WHERE (version, timer_id, message_id) IN (VALUES (3, 't-2', 'm-2'), (4, 't-3', 'm-3'))")).ShouldBe(2);
        (await CountAsync("SELECT count(*) FROM timers") + await CountAsync("SELECT count(*) FROM outbox")).ShouldBe(0);

        // Visible at once through the contract, and the key repeats its result.
        (await _store.ListTimersAsync("c-1")).Select(t => (t.TimerId, t.State)).ShouldBe([("t-1", TimerState.Scheduled), ("t-2", TimerState.Scheduled), ("t-3", TimerState.Scheduled)]);
        (await _store.QueryOutboxAsync(new OutboxQuery(CaseId: "c-1"))).Select(m => m.MessageId).ShouldBe(["m-1", "m-2", "m-3"]);
        (await _store.FindResultAsync("k-1"))!.Version.ShouldBe(2);
        (await _store.AppendAsync(Command("c-1", 0, "k-1", 1, [], []))).IsRepeat.ShouldBeTrue();
    }

    [Fact]
    public async Task SeveralTimersOrMessages_OrNoEvent_OverflowIntoTheirTables_AndAreReadInOneOrder()
    {
        await _store.AppendAsync(Command("c-1", 0, "k-1", 1, [Timer("t-b", 2)], [Message("m-1")]));
        await _store.AppendAsync(Command("c-1", 1, "k-2", 1, [Timer("t-a", 1), Timer("t-c", 3)], [Message("m-2"), Message("m-3")]));
        await _store.AppendAsync(Command("c-1", 2, "k-3", 0, [], [Message("m-4")]));
        await _store.AppendAsync(Command("c-1", 2, "k-4", 1, [], [Message("m-5")]));

        (await CountAsync("SELECT count(*) FROM timers")).ShouldBe(2);
        (await CountAsync("SELECT count(*) FROM outbox")).ShouldBe(3);
        (await CountAsync("SELECT count(*) FROM command_results")).ShouldBe(1);
        (await _store.FindResultAsync("k-3"))!.Version.ShouldBe(2);

        (await _store.ListTimersAsync("c-1")).Select(t => t.TimerId).ShouldBe(["t-a", "t-b", "t-c"]);
        (await _store.QueryOutboxAsync(new OutboxQuery(CaseId: "c-1"))).Select(m => m.MessageId).ShouldBe(["m-1", "m-2", "m-3", "m-4", "m-5"]);
        (await _store.QueryOutboxAsync(new OutboxQuery())).Select(m => m.MessageId).ShouldBe(["m-1", "m-2", "m-3", "m-4", "m-5"]);

        // Claims take both places in due order, then in written order; two at a time.
        (await _store.ClaimDueTimersAsync(T0.AddHours(1), "node-1", TimeSpan.FromMinutes(1), 2)).Select(t => t.TimerId).ShouldBe(["t-a", "t-b"]);
        (await _store.ClaimOutboxAsync(T0, "node-1", TimeSpan.FromMinutes(1), 2)).Select(m => m.MessageId).ShouldBe(["m-1", "m-2"]);
        (await _store.ClaimOutboxAsync(T0, "node-1", TimeSpan.FromMinutes(1), 10)).Select(m => m.MessageId).ShouldBe(["m-3", "m-4", "m-5"]);
        await _store.MarkDeliveredAsync(["m-1", "m-3"], T0);
        (await _store.MarkFailedAsync("m-2", "refused", null)).ShouldBe(OutboxState.DeadLettered);
        (await _store.QueryOutboxAsync(new OutboxQuery(State: OutboxState.Pending))).Select(m => m.MessageId).ShouldBe(["m-4", "m-5"]);
        (await _store.QueryOutboxAsync(new OutboxQuery(State: OutboxState.Delivered))).Select(m => m.MessageId).ShouldBe(["m-1", "m-3"]);
    }

    [Fact]
    public async Task CancellingCompletingAndReschedulingATimer_UpdateTheRowItLivesIn()
    {
        await _store.AppendAsync(Command("c-1", 0, "k-1", 1, [Timer("t-1", 1)], []));
        await _store.AppendAsync(Command("c-1", 1, "k-2", 1, [Timer("t-2", 2)], []));
        await _store.AppendAsync(Command("c-1", 2, "k-3", 1, [Timer("t-3", 3)], []) with { TimerIdsToCancel = ["t-2"] });

        var claimed = (await _store.ClaimDueTimersAsync(T0.AddHours(1), "node-1", TimeSpan.FromMinutes(5), 10)).Select(t => t.TimerId).ToList();
        claimed.ShouldBe(["t-1", "t-3"]);
        (await _store.CompleteTimerAsync(new TimerCompletion("t-1", "node-2"))).ShouldBeFalse();
        (await _store.CompleteTimerAsync(new TimerCompletion("t-1", "node-1"))).ShouldBeTrue();

        // t-3 scheduled again by a later command: one timer of that id, pending at its new time.
        await _store.AppendAsync(Command("c-1", 3, "k-4", 1, [Timer("t-3", 30)], []));
        var timers = await _store.ListTimersAsync("c-1");
        timers.Select(t => (t.TimerId, t.State)).ShouldBe([("t-1", TimerState.Fired), ("t-2", TimerState.Cancelled), ("t-3", TimerState.Scheduled)]);
        timers[^1].DueAt.ShouldBe(T0.AddMinutes(30));
        timers[^1].Attempts.ShouldBe(0);
        (await CountAsync("SELECT count(*) FROM events WHERE timer_id = 't-3'")).ShouldBe(1);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var c = new SqliteConnection($"Data Source={Path.Combine(_folder, "hongqi.db")};Pooling=False");
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
