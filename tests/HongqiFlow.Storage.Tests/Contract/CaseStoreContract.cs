using HongqiFlow.Storage;
using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>The store contract; each store runs every test by subclassing this class.</summary>
public abstract partial class CaseStoreContract : IAsyncLifetime
{
    private ICaseStore? _store;

    protected ICaseStore Store => _store ?? throw new InvalidOperationException("the store is opened in InitializeAsync");

    /// <summary>A fresh, empty store for one test.</summary>
    protected abstract Task<ICaseStore> OpenStoreAsync();

    /// <summary>Another node on the same data (its own connections); the same instance where there is only one.</summary>
    protected abstract Task<ICaseStore> OpenSecondNodeAsync();

    /// <summary>Edits an event's payload behind the store's back, as an operator with database access could.</summary>
    protected abstract Task TamperWithEventAsync(string caseId, long version, string payloadJson);

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [StoreFact]
    public async Task Append_NewCase_LoadReturnsSnapshotVersionAndDefinition()
    {
        var result = await Store.AppendAsync(Create("c-1"));

        result.ShouldBe(new AppendResult(1, """{"case":"c-1"}""", false, result.Events));
        var loaded = await Store.LoadAsync("c-1");
        loaded.ShouldBe(new CaseSnapshot("c-1", "enterprise-establishment", 1, """{"state":"submitted"}""", "running", T0, T0));
        (await Store.LoadAsync("missing")).ShouldBeNull();
    }

    [StoreFact]
    public async Task Append_StaleExpectedVersion_ThrowsConcurrencyAndWritesNothing()
    {
        await Store.AppendAsync(Create("c-1"));
        await Store.AppendAsync(Next("c-1", 1));

        var stale = Next("c-1", 1, "late") with { TimersToSchedule = [Timer("t-late", T0)], Outbox = [Message("m-late")] };
        var error = await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync(stale));

        error.Message.ShouldBe("case 'c-1' is at version 2, not 1: it changed since the command was decided; load it and decide again");
        (error.ExpectedVersion, error.ActualVersion).ShouldBe((1L, 2L));
        (await Store.ReadHistoryAsync("c-1")).Select(e => e.Type).ShouldBe(["submitted", "step"]);
        (await Store.ListTimersAsync("c-1")).ShouldBeEmpty();
        (await Store.QueryOutboxAsync(new OutboxQuery())).ShouldBeEmpty();
    }

    [StoreFact]
    public async Task Append_NewCaseWithTakenId_ThrowsConcurrency()
    {
        await Store.AppendAsync(Create("c-1"));

        var error = await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync(Create("c-1")));

        error.Message.ShouldBe("case 'c-1' already exists (version 1); a new case must have a new id");
    }

    [StoreFact]
    public async Task Append_ToMissingCase_ThrowsConcurrencyWithVersionZero()
    {
        var error = await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync(Next("nowhere", 3)));

        error.ActualVersion.ShouldBe(0);
    }

    [StoreFact]
    public async Task Append_RepeatedIdempotencyKey_ReturnsFirstResultAndWritesNothing()
    {
        await Store.AppendAsync(Create("c-1", key: "cmd-1"));
        var first = await Store.AppendAsync(Next("c-1", 1, key: "cmd-2"));

        // The repeat was decided on the old version: it must still get the first answer, not a conflict.
        var repeat = await Store.AppendAsync(Next("c-1", 1, "again", key: "cmd-2") with
        {
            ResultJson = """{"other":true}""",
            Outbox = [Message("m-repeat")],
        });

        repeat.ShouldBe(new AppendResult(2, """{"version":2}""", true, []));
        first.IsRepeat.ShouldBeFalse();
        (await Store.ReadHistoryAsync("c-1")).Count.ShouldBe(2);
        (await Store.QueryOutboxAsync(new OutboxQuery())).ShouldBeEmpty();
        (await Store.AppendAsync(Create("c-1", key: "cmd-1"))).ShouldBe(new AppendResult(1, """{"case":"c-1"}""", true, []));
    }

    [StoreFact]
    public async Task Append_FailingAfterEventsTimersAndOutbox_WritesNoneOfThem()
    {
        await Store.AppendAsync(Create("c-1") with { TimersToSchedule = [Timer("t-1", T0)] });
        await Store.ClaimDueTimersAsync(T0, "node-b", TimeSpan.FromMinutes(1), 10);

        // Node A completes a timer it never claimed: the check runs after the idempotency row and the case lock, so the rollback must undo them.
        var append = Next("c-1", 1, "deadline-passed", key: "fire-1") with
        {
            CompletesTimer = new TimerCompletion("t-1", "node-a"),
            TimersToSchedule = [Timer("t-2", T0.AddDays(1))],
            TimerIdsToCancel = ["t-1"],
            Outbox = [Message("m-1")],
        };
        var error = await Should.ThrowAsync<TimerClaimLostException>(() => Store.AppendAsync(append));

        error.Message.ShouldBe("timer 't-1' is no longer claimed by node 'node-a' (fired, cancelled, or claimed by another node after the lease ran out); nothing was written");
        (await Store.LoadAsync("c-1"))!.Version.ShouldBe(1);
        (await Store.ReadHistoryAsync("c-1")).Count.ShouldBe(1);
        (await Store.ListTimersAsync("c-1")).Select(t => (t.TimerId, t.State, t.LeaseOwner)).ShouldBe([("t-1", TimerState.Scheduled, "node-b")]);
        (await Store.QueryOutboxAsync(new OutboxQuery())).ShouldBeEmpty();
        (await Store.AppendAsync(append with { CompletesTimer = new TimerCompletion("t-1", "node-b") })).IsRepeat.ShouldBeFalse();
    }

    [StoreFact]
    public async Task Append_WithTimersOutboxAndCompletion_WritesThemTogether()
    {
        await Store.AppendAsync(Create("c-1") with { TimersToSchedule = [Timer("t-warn", T0.AddHours(1)), Timer("t-due", T0.AddHours(2))] });
        var claimed = await Store.ClaimDueTimersAsync(T0.AddHours(1), "node-a", TimeSpan.FromMinutes(1), 10);

        await Store.AppendAsync(Next("c-1", 1, "warned") with
        {
            CompletesTimer = new TimerCompletion("t-warn", "node-a"),
            TimerIdsToCancel = ["t-due"],
            TimersToSchedule = [Timer("t-extended", T0.AddHours(5))],
            Outbox = [Message("m-warn", "log")],
        });

        claimed.Select(t => t.TimerId).ShouldBe(["t-warn"]);
        (await Store.ListTimersAsync("c-1")).Select(t => (t.TimerId, t.State)).ShouldBe(
            [("t-warn", TimerState.Fired), ("t-due", TimerState.Cancelled), ("t-extended", TimerState.Scheduled)]);
        (await Store.QueryOutboxAsync(new OutboxQuery(CaseId: "c-1"))).Select(o => (o.MessageId, o.Channel, o.State)).ShouldBe([("m-warn", "log", OutboxState.Pending)]);
    }

    [StoreFact]
    public async Task AppendAsync_64ConcurrentSubmitters_AllCommitWithCorrectVersions()
    {
        var store = Store;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var id = $"c-{i:D2}";
            await store.AppendAsync(Create(id));
            for (var v = 1; v <= 5; v++)
            {
                await store.AppendAsync(Next(id, v));
            }
        })));

        var cases = await store.ListCasesAsync(new CaseQuery(Limit: 1000));
        cases.Count.ShouldBe(64);
        cases.ShouldAllBe(c => c.Version == 6);
        (await store.VerifyAuditAsync()).ShouldBeEmpty();
    }

    [StoreFact]
    public async Task AppendAsync_StaleAppendsAmongConcurrentOnes_OnlyTheStaleOnesFail()
    {
        var store = Store;
        var stale = 0;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var id = $"c-{i:D2}";
            await store.AppendAsync(Create(id));
            for (var v = 1; v <= 3; v++)
            {
                var error = await Should.ThrowAsync<ConcurrencyException>(() => store.AppendAsync(Next(id, v + 1, key: $"stale-{i}-{v}")));
                error.Message.ShouldContain(id);
                Interlocked.Increment(ref stale);
                await store.AppendAsync(Next(id, v, key: $"ok-{i}-{v}"));
            }
        })));

        stale.ShouldBe(64 * 3);
        var cases = await store.ListCasesAsync(new CaseQuery(Limit: 1000));
        cases.Count.ShouldBe(64);
        cases.ShouldAllBe(c => c.Version == 4);
        (await store.VerifyAuditAsync()).ShouldBeEmpty();

        // A stale append's idempotency key was rolled back with it: the same key is free for a real command.
        (await store.AppendAsync(Next("c-00", 4, key: "stale-0-1"))).IsRepeat.ShouldBeFalse();
    }

    [StoreFact]
    public async Task AppendAsync_ConcurrentCommandsWithEveryOutcome_EachGetsItsOwn()
    {
        // 16 cases with history and 16 with a claimed timer; then, all at once: a good command, a stale one, a
        // repeat of an earlier key, and a timer completion by a node that never claimed the timer.
        for (var i = 0; i < 16; i++)
        {
            await Store.AppendAsync(Create($"c-{i:D2}"));
            await Store.AppendAsync(Next($"c-{i:D2}", 1, key: $"first-{i}"));
            await Store.AppendAsync(Create($"d-{i:D2}") with { TimersToSchedule = [Timer($"t-{i:D2}", T0)] });
        }

        (await Store.ClaimDueTimersAsync(T0, "node-b", TimeSpan.FromMinutes(5), 100)).Count.ShouldBe(16);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).SelectMany(i => new Func<Task<string>>[]
        {
            async () => (await Store.AppendAsync(Next($"c-{i:D2}", 2, key: $"good-{i}") with { Outbox = [Message($"m-{i}")] })).IsRepeat ? "repeat?" : "ok",
            async () => (await Store.AppendAsync(Next($"c-{i:D2}", 1, key: $"first-{i}"))).IsRepeat ? "repeat" : "written?",
            () => Outcome<ConcurrencyException>(() => Store.AppendAsync(Next($"c-{i:D2}", 7, key: $"stale-{i}"))),
            () => Outcome<TimerClaimLostException>(() => Store.AppendAsync(Next($"d-{i:D2}", 1, key: $"fire-{i}") with
            {
                CompletesTimer = new TimerCompletion($"t-{i:D2}", "node-a"),
                Outbox = [Message($"lost-{i}")],
            })),
        }).Select(run => Task.Run(run)));

        outcomes.GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count()).ShouldBe(new Dictionary<string, int>
        {
            ["ok"] = 16, ["repeat"] = 16, [nameof(ConcurrencyException)] = 16, [nameof(TimerClaimLostException)] = 16,
        });
        (await Store.ListCasesAsync(new CaseQuery(Limit: 100))).Select(c => (c.CaseId[0], c.Version)).Distinct().ShouldBe([('c', 3L), ('d', 1L)]);
        (await Store.QueryOutboxAsync(new OutboxQuery(Limit: 100))).Select(m => m.MessageId).Order().ShouldBe(Enumerable.Range(0, 16).Select(i => $"m-{i}").Order());
        (await Store.ListTimersAsync("d-00")).Single().State.ShouldBe(TimerState.Scheduled);
        (await Store.VerifyAuditAsync()).ShouldBeEmpty();

        // The failed commands' keys were taken back with them.
        (await Store.AppendAsync(Next("c-00", 3, key: "stale-0"))).IsRepeat.ShouldBeFalse();
        (await Store.AppendAsync(Next("d-00", 1, key: "fire-0"))).IsRepeat.ShouldBeFalse();
    }

    private static async Task<string> Outcome<TException>(Func<Task> append)
        where TException : Exception
    {
        await Should.ThrowAsync<TException>(append);
        return typeof(TException).Name;
    }

    [StoreFact]
    public async Task ReadHistory_ChainsEachEventToThePreviousHash()
    {
        await Store.AppendAsync(Create("c-1"));
        await Store.AppendAsync(Next("c-1", 1) with { Events = [new EventRecord("a", "{}", T0), new EventRecord("b", """{"x":"红旗"}""", T0)] });

        var history = await Store.ReadHistoryAsync("c-1");

        history.Select(e => e.Version).ShouldBe([1L, 2L, 3L]);
        history[0].PreviousHash.ShouldBe(AuditChain.Genesis);
        history[1].PreviousHash.ShouldBe(history[0].Hash);
        history[2].PreviousHash.ShouldBe(history[1].Hash);
        history[2].PayloadJson.ShouldBe("""{"x":"红旗"}""");
        history[2].Hash.ShouldBe(AuditChain.Hash("c-1", 3, "b", T0, """{"x":"红旗"}""", history[1].Hash, ChainAlgorithm.Sm3));
    }

    [StoreFact]
    public async Task ListCases_FiltersByStatusAndDefinition_PagesByCaseId()
    {
        foreach (var id in new[] { "c-1", "c-2", "c-3", "c-4" })
        {
            await Store.AppendAsync(Create(id));
        }

        await Store.AppendAsync(Next("c-3", 1) with { Snapshot = new SnapshotRecord("{}", "closed") });
        await Store.AppendAsync(Create("x-1") with { DefinitionId = "housing-transfer" });

        (await Store.ListCasesAsync(new CaseQuery(Status: "closed"))).Select(c => c.CaseId).ShouldBe(["c-3"]);
        (await Store.ListCasesAsync(new CaseQuery(DefinitionId: "housing-transfer"))).Select(c => c.CaseId).ShouldBe(["x-1"]);
        (await Store.ListCasesAsync(new CaseQuery(Status: "running", Limit: 2))).Select(c => c.CaseId).ShouldBe(["c-1", "c-2"]);
        (await Store.ListCasesAsync(new CaseQuery(Status: "running", AfterCaseId: "c-2", Limit: 2))).Select(c => c.CaseId).ShouldBe(["c-4", "x-1"]);
    }

    [StoreFact]
    public async Task ClaimDueTimers_ReturnsOnlyDueTimersInDueOrder_AndNotAgainWhileLeased()
    {
        await Store.AppendAsync(Create("c-1") with
        {
            TimersToSchedule = [Timer("t-c", T0.AddMinutes(3)), Timer("t-a", T0.AddMinutes(1)), Timer("t-b", T0.AddMinutes(2)), Timer("t-later", T0.AddDays(1))],
        });

        var first = await Store.ClaimDueTimersAsync(T0.AddHours(1), "node-a", TimeSpan.FromMinutes(5), 10);
        var again = await Store.ClaimDueTimersAsync(T0.AddHours(1).AddMinutes(4), "node-b", TimeSpan.FromMinutes(5), 10);

        first.Select(t => (t.TimerId, t.DueAt, t.NodeId, t.Attempt)).ShouldBe(
            [("t-a", T0.AddMinutes(1), "node-a", 1), ("t-b", T0.AddMinutes(2), "node-a", 1), ("t-c", T0.AddMinutes(3), "node-a", 1)]);
        first[0].LeaseUntil.ShouldBe(T0.AddHours(1).AddMinutes(5));
        first[0].PayloadJson.ShouldBe("""{"timer":"t-a"}""");
        again.ShouldBeEmpty();
    }

    [StoreFact]
    public async Task ClaimDueTimers_AfterLeaseRunsOut_AnotherNodeClaimsAndTheFirstCannotComplete()
    {
        await Store.AppendAsync(Create("c-1") with { TimersToSchedule = [Timer("t-1", T0)] });
        await Store.ClaimDueTimersAsync(T0, "node-a", TimeSpan.FromSeconds(30), 10);

        var taken = await Store.ClaimDueTimersAsync(T0.AddSeconds(30), "node-b", TimeSpan.FromSeconds(30), 10);

        taken.Select(t => (t.TimerId, t.NodeId, t.Attempt)).ShouldBe([("t-1", "node-b", 2)]);
        (await Store.CompleteTimerAsync(new TimerCompletion("t-1", "node-a"))).ShouldBeFalse();
        (await Store.CompleteTimerAsync(new TimerCompletion("t-1", "node-b"))).ShouldBeTrue();
        (await Store.CompleteTimerAsync(new TimerCompletion("t-1", "node-b"))).ShouldBeFalse();
        (await Store.ClaimDueTimersAsync(T0.AddHours(1), "node-a", TimeSpan.FromSeconds(30), 10)).ShouldBeEmpty();
    }

    [StoreFact]
    public async Task ClaimDueTimers_RescheduledOrCancelled_FollowsTheLatestAppend()
    {
        await Store.AppendAsync(Create("c-1") with { TimersToSchedule = [Timer("t-move", T0), Timer("t-cancel", T0)] });
        await Store.AppendAsync(Next("c-1", 1) with { TimersToSchedule = [Timer("t-move", T0.AddDays(2))], TimerIdsToCancel = ["t-cancel"] });

        (await Store.ClaimDueTimersAsync(T0.AddDays(1), "node-a", TimeSpan.FromMinutes(1), 10)).ShouldBeEmpty();
        (await Store.ClaimDueTimersAsync(T0.AddDays(2), "node-a", TimeSpan.FromMinutes(1), 10)).Select(t => t.TimerId).ShouldBe(["t-move"]);
    }

    [StoreFact]
    public async Task ClaimDueTimers_TwoNodesConcurrently_ClaimEachTimerOnce()
    {
        var timers = Enumerable.Range(0, 200).Select(i => Timer($"t-{i:D3}", T0.AddSeconds(i))).ToList();
        await Store.AppendAsync(Create("c-1") with { TimersToSchedule = timers });
        await using var second = await OpenSecondNodeAsync();
        var other = ReferenceEquals(second, Store) ? Store : second;

        async Task<List<string>> Claim(ICaseStore store, string node)
        {
            var mine = new List<string>();
            while (true)
            {
                var batch = await store.ClaimDueTimersAsync(T0.AddHours(1), node, TimeSpan.FromMinutes(5), 7);
                if (batch.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(batch.Select(t => t.TimerId));
            }
        }

        var results = await Task.WhenAll(Task.Run(() => Claim(Store, "node-a")), Task.Run(() => Claim(other, "node-b")));

        results.SelectMany(r => r).Order(StringComparer.Ordinal).ShouldBe(timers.Select(t => t.TimerId));
    }

    [StoreFact]
    public async Task Outbox_DeliveredFailedAndDeadLettered_AreVisibleInQuery()
    {
        await Store.AppendAsync(Create("c-1") with { Outbox = [Message("m-1"), Message("m-2"), Message("m-3")] });

        var claimed = await Store.ClaimOutboxAsync(T0, "node-a", TimeSpan.FromMinutes(1), 10);
        await Store.MarkDeliveredAsync("m-1", T0.AddSeconds(1));
        (await Store.MarkFailedAsync("m-2", "503 Service Unavailable", T0.AddSeconds(10))).ShouldBe(OutboxState.Pending);
        (await Store.MarkFailedAsync("m-3", "410 Gone", null)).ShouldBe(OutboxState.DeadLettered);

        claimed.Select(m => (m.MessageId, m.Attempt)).ShouldBe([("m-1", 1), ("m-2", 1), ("m-3", 1)]);
        (await Store.ClaimOutboxAsync(T0.AddSeconds(9), "node-a", TimeSpan.FromMinutes(1), 10)).ShouldBeEmpty();
        (await Store.ClaimOutboxAsync(T0.AddSeconds(10), "node-a", TimeSpan.FromMinutes(1), 10)).Select(m => (m.MessageId, m.Attempt)).ShouldBe([("m-2", 2)]);
        var all = await Store.QueryOutboxAsync(new OutboxQuery());
        all.Select(o => (o.MessageId, o.State, o.Attempts, o.LastError)).ShouldBe(
            [("m-1", OutboxState.Delivered, 1, (string?)null), ("m-2", OutboxState.Pending, 2, "503 Service Unavailable"), ("m-3", OutboxState.DeadLettered, 1, "410 Gone")]);
        all[0].DeliveredAt.ShouldBe(T0.AddSeconds(1));
        (await Store.QueryOutboxAsync(new OutboxQuery(State: OutboxState.DeadLettered))).Select(o => o.MessageId).ShouldBe(["m-3"]);
    }

    [StoreFact]
    public async Task Outbox_ClaimedMessage_IsNotClaimedAgainUntilItsLeaseRunsOut()
    {
        await Store.AppendAsync(Create("c-1") with { Outbox = [Message("m-1")] });
        await Store.ClaimOutboxAsync(T0, "node-a", TimeSpan.FromMinutes(1), 10);

        (await Store.ClaimOutboxAsync(T0.AddSeconds(59), "node-b", TimeSpan.FromMinutes(1), 10)).ShouldBeEmpty();
        (await Store.ClaimOutboxAsync(T0.AddMinutes(1), "node-b", TimeSpan.FromMinutes(1), 10)).Select(m => (m.MessageId, m.Attempt)).ShouldBe([("m-1", 2)]);
    }

    [StoreFact]
    public async Task VerifyAudit_UntouchedHistory_FindsNothing()
    {
        await Store.AppendAsync(Create("c-1"));
        await Store.AppendAsync(Next("c-1", 1));
        await Store.AppendAsync(Create("c-2"));

        (await Store.VerifyAuditAsync()).ShouldBeEmpty();
    }

    [StoreFact]
    public async Task VerifyAudit_HandEditedEvent_ReportsTheFirstAlteredEventOfThatCase()
    {
        await Store.AppendAsync(Create("c-1"));
        await Store.AppendAsync(Next("c-1", 1));
        await Store.AppendAsync(Next("c-1", 2));
        await Store.AppendAsync(Create("c-2"));

        await TamperWithEventAsync("c-1", 2, """{"n":200}""");

        (await Store.VerifyAuditAsync()).ShouldBe([new AuditFinding("c-1", 2, "event 2 (step) was altered: its content no longer matches its hash")]);
    }
}
