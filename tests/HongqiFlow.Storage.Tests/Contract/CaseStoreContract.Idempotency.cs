using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Tests;
using Microsoft.Extensions.Time.Testing;
using static HongqiFlow.Storage.Tests.Contract.Requests;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>Idempotency keys through the case service on each store: start keys regardless of the day, keys bound to their request.</summary>
public abstract partial class CaseStoreContract
{
    private static readonly DateTimeOffset LateEvening = new(2026, 12, 7, 23, 59, 0, TimeSpan.FromHours(8));

    private async Task<(CaseService Cases, FakeTimeProvider Time)> CasesAsync()
    {
        var time = new FakeTimeProvider(LateEvening);
        var registry = await DefinitionRegistry.OpenAsync((IDefinitionStore)Store, Repository.Path("definitions"), time);
        return (new CaseService(Store, registry, time), time);
    }

    private static CaseStart Application(string caseId, string name = "张三") => new()
    {
        CaseId = caseId,
        Receipt = caseId,
        Applicant = new Applicant(name, null, "13800000000"),
        Submitted = new[] { "application", "articles", "premises", "shareholder-resolution" },
    };

    [StoreFact]
    public async Task FindResult_GivesTheCaseVersionAndResultOfAKey_AndNullForANewOne()
    {
        await Store.AppendAsync(Create("c-1", key: "k-1"));
        (await Store.FindResultAsync("k-1")).ShouldBe(new StoredResult("c-1", 1, """{"case":"c-1"}"""));
        (await Store.FindResultAsync("k-2")).ShouldBeNull();
    }

    [StoreFact]
    public async Task Start_RetriedAfterMidnight_ReturnsTheFirstCase_AndStartsNoSecond()
    {
        var (cases, time) = await CasesAsync();
        var window = Actor.Window("w-1");
        var first = await cases.StartAsync("QYKB-0001", Application("20261207-AAAA"), window, Channel.Window, "start-key");
        first.IsAccepted.ShouldBeTrue();
        time.Advance(TimeSpan.FromMinutes(2));

        // The server names the case after the China date of the request: the retry proposes the next day's id.
        var retry = await cases.StartAsync("QYKB-0001", Application("20261208-AAAA"), Actor.Window("w-2"), Channel.Window, "start-key");

        retry.IsRepeat.ShouldBeTrue();
        retry.CaseId.ShouldBe("20261207-AAAA");
        retry.Version.ShouldBe(first.Version);
        (await Store.LoadAsync("20261208-AAAA")).ShouldBeNull();
    }

    [StoreFact]
    public async Task Start_SameKeyWithAnotherApplication_IsRefusedNamingTheKey_AndNothingIsWritten()
    {
        var (cases, time) = await CasesAsync();
        await cases.StartAsync("QYKB-0001", Application("20261207-BBBB"), Actor.Window("w-1"), Channel.Window, "shared-key");
        var error = await Should.ThrowAsync<IdempotencyKeyReusedException>(() =>
            cases.StartAsync("QYKB-0001", Application("20261207-BBBB", "李四"), Actor.Window("w-2"), Channel.Window, "shared-key"));
        error.Key.ShouldBe("shared-key");
        time.Advance(TimeSpan.FromHours(1));
        await Should.ThrowAsync<IdempotencyKeyReusedException>(() =>
            cases.StartAsync("QYKB-0001", Application("20261208-BBBB", "李四"), Actor.Window("w-2"), Channel.Window, "shared-key"));
        (await Store.LoadAsync("20261208-BBBB")).ShouldBeNull();
        (await cases.HistoryAsync("20261207-BBBB")).Count.ShouldBe((int)(await Store.LoadAsync("20261207-BBBB"))!.Version);
    }

    [StoreFact]
    public async Task Event_WithTheStartsKey_IsItsOwnCommand_AndAKeyReusedForAnotherEventIsRefused()
    {
        var (cases, _) = await CasesAsync();
        var window = Actor.Window("w-1");
        var started = await cases.StartAsync("QYKB-0001", Application("20261207-CCCC"), window, Channel.Window, "k");

        var accepted = await cases.SendAsync("20261207-CCCC", Command.Send("accept", window, idempotencyKey: "k"));
        accepted.IsRepeat.ShouldBeFalse();
        accepted.Events.ShouldNotBeEmpty();
        accepted.Version.ShouldBeGreaterThan(started.Version);

        var repeated = await cases.SendAsync("20261207-CCCC", Command.Send("accept", window, idempotencyKey: "k"));
        repeated.IsRepeat.ShouldBeTrue();
        repeated.Version.ShouldBe(accepted.Version);

        (await Should.ThrowAsync<IdempotencyKeyReusedException>(() => cases.SendAsync("20261207-CCCC", Command.Send("withdraw", window, idempotencyKey: "k"))))
            .Key.ShouldBe("k");
        (await Should.ThrowAsync<IdempotencyKeyReusedException>(() => cases.SendAsync("20261207-CCCC", Command.Send("withdraw", window, idempotencyKey: "start:k"))))
            .Key.ShouldBe("start:k");
        (await Store.LoadAsync("20261207-CCCC"))!.Version.ShouldBe(accepted.Version);
    }

    [StoreFact]
    public async Task Event_WhoseKeyAnsweredTheStartBeforeRequestsWereHashed_IsRefused_NotAnsweredWithTheStart()
    {
        var (cases, _) = await CasesAsync();
        var window = Actor.Window("w-1");
        await cases.StartAsync("QYKB-0001", Application("20261207-DDDD"), window, Channel.Window);

        // A result row as older builds wrote it for a start: the history range only, no request hash.
        var snapshot = (await Store.LoadAsync("20261207-DDDD"))!;
        await Store.AppendAsync(new AppendRequest
        {
            CaseId = snapshot.CaseId,
            ExpectedVersion = snapshot.Version,
            Snapshot = new SnapshotRecord(snapshot.StateJson, snapshot.Status),
            IdempotencyKey = "20261207-DDDD/old-key",
            ResultJson = $$"""{"format":1,"from":1,"to":{{snapshot.Version}}}""",
            Now = LateEvening,
        });

        (await Should.ThrowAsync<IdempotencyKeyReusedException>(() => cases.SendAsync("20261207-DDDD", Command.Send("accept", window, idempotencyKey: "old-key"))))
            .Key.ShouldBe("old-key");
        (await Store.LoadAsync("20261207-DDDD"))!.Version.ShouldBe(snapshot.Version);
    }
}
