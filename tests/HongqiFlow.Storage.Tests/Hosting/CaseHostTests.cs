using System.Text.Json;
using HongqiFlow.Hosting;
using HongqiFlow.Notifications;
using HongqiFlow.Runtime;
using HongqiFlow.Scheduling;
using HongqiFlow.Storage;
using HongqiFlow.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HongqiFlow.Storage.Tests.Hosting;

/// <summary>A node as the server builds it (AddHongqiFlow on SQLite), driven on a fake clock with the scheduler and outbox polled by hand.</summary>
public sealed class CaseHostTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2024, 9, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly string _data = Directory.CreateTempSubdirectory("hongqi-host-").FullName;
    private readonly FakeTimeProvider _time = new(Monday);
    private ServiceProvider _services = null!;

    private CaseService Cases => _services.GetRequiredService<CaseService>();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddHongqiFlow(new HongqiHostOptions { DataFolder = _data, DefinitionsFolder = Repository.Path("definitions"), NodeId = "node-a", RunBackgroundServices = false });
        _services = services.BuildServiceProvider();
        await _services.OpenHongqiFlowAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task EnterpriseCase_ThroughFourDepartmentsWithTaxDeemedByItsTimer_IsIssuedWithHistoryTimersAndDecisionNotice()
    {
        var start = new CaseStart { CaseId = "c-1", Receipt = "QYKB-20240923-0001", Applicant = new Applicant("张三", "110101199001011234", "13800000000"), Submitted = new[] { "application", "articles", "premises", "shareholder-resolution" } };
        var window = Actor.Window("w-001");

        var started = await Cases.StartAsync("enterprise-establishment", start, window, Channel.Window, "start-1");
        await Cases.SendAsync("c-1", Command.Send("accept", window, idempotencyKey: "accept-1"));
        await Cases.SendAsync("c-1", Command.Send("approve", Actor.OfDepartment("market-regulation", "m-001")));
        await Cases.SendAsync("c-1", Command.Send("approve", Actor.OfDepartment("public-security", "p-001")));
        await Cases.SendAsync("c-1", Command.Send("approve", Actor.OfDepartment("hr-social-security", "s-001")));
        _time.Advance(TimeSpan.FromHours(4));
        var fired = await FireDueTimersAsync();
        var issued = await Cases.SendAsync("c-1", Command.Send("issue", window));
        await _services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync();

        started.IsAccepted.ShouldBeTrue();
        started.State!.DefinitionVersion.ShouldBe(1);
        fired.ShouldBeGreaterThan(0);
        issued.Rejection.ShouldBeNull();
        issued.State!.MainState.ShouldBe("issued");
        var history = await Cases.HistoryAsync("c-1");
        history.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, history.Count).Select(i => (long)i));
        history.ShouldContain(e => e.Type == CaseEventTypes.BranchDeemed && e.Region == "approval/tax");
        history.Count(e => e.Type == CaseEventTypes.Joined).ShouldBe(1);
        (await Cases.ReplayAsync("c-1")).ShouldBe((await Cases.GetAsync("c-1")).State);
        var store = _services.GetRequiredService<ICaseStore>();
        (await store.LoadAsync("c-1"))!.DefinitionId.ShouldBe("QYKB-0001@1");
        var taxTimer = (await store.ListTimersAsync("c-1")).Single(t => t.Kind == nameof(TimerKind.BranchLimit) && t.TimerId.Contains("approval/tax", StringComparison.Ordinal));
        taxTimer.State.ShouldBe(TimerState.Fired);
        var outbox = await store.QueryOutboxAsync(new OutboxQuery());
        var decision = outbox.Single(o => Template(o.PayloadJson) == "decision");
        decision.State.ShouldBe(OutboxState.Delivered);
        decision.MessageId.ShouldBe(history.Single(e => e.Type == CaseEventTypes.Notification && e.Data.GetString("template") == "decision").Data.GetString("dedupKey"));
        (await File.ReadAllLinesAsync(Path.Combine(_data, "outbox.jsonl"))).ShouldContain(l => l.Contains(decision.MessageId, StringComparison.Ordinal));
        (await store.VerifyAuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_RepeatedIdempotencyKey_ReturnsTheFirstResultAndWritesNothing()
    {
        var window = Actor.Window("w-001");
        await StartAsync("c-2");
        var first = await Cases.SendAsync("c-2", Command.Send("accept", window, idempotencyKey: "accept-1"));
        _time.Advance(TimeSpan.FromMinutes(5));

        var again = await Cases.SendAsync("c-2", Command.Send("accept", window, idempotencyKey: "accept-1"));

        again.IsRepeat.ShouldBeTrue();
        again.Events.ShouldBe(first.Events);
        again.State.ShouldBe(first.State);
        (await Cases.HistoryAsync("c-2")).Count.ShouldBe((int)first.State!.Version);
    }

    [Fact]
    public async Task SendAsync_EventTheActorMayNotSend_IsRejectedWithPermittedEventsAndNothingWritten()
    {
        await StartAsync("c-3");

        var result = await Cases.SendAsync("c-3", Command.Send("issue", Actor.Window("w-001")));

        result.IsAccepted.ShouldBeFalse();
        result.Rejection!.Code.ShouldBe("HQ6004");
        result.Rejection.Permitted.Select(p => p.Event).ShouldContain("accept");
        result.State!.Version.ShouldBe((await Cases.GetAsync("c-3")).State.Version);
    }

    [Fact]
    public async Task GetAsync_ForADepartmentDuringApproval_ListsOnlyItsOwnBranchEventsWithClockAndWarnings()
    {
        await StartAsync("c-4");
        await Cases.SendAsync("c-4", Command.Send("accept", Actor.Window("w-001")));
        _time.Advance(TimeSpan.FromHours(1));

        var view = await Cases.GetAsync("c-4", Actor.OfDepartment("tax", "t-001"));

        view.DefinitionId.ShouldBe("QYKB-0001@1");
        view.State.Region("approval/tax")!.State.ShouldBe("reviewing");
        view.Permitted.Where(p => p.Region == "approval/tax").Select(p => p.Event).ShouldBe(["approve", "reject"]);
        view.Permitted.ShouldNotContain(p => p.Region == "approval/market");
        view.Clock.Started.ShouldBeTrue();
        view.Clock.Elapsed.ShouldBe(TimeSpan.FromHours(1));
        view.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetAsync_UnknownCase_ThrowsCaseNotFound()
    {
        (await Should.ThrowAsync<CaseNotFoundException>(() => Cases.GetAsync("nope"))).Message.ShouldBe("no case 'nope' exists");
    }

    [Fact]
    public async Task StartAsync_UnknownItem_ThrowsDefinitionNotFoundNamingTheKnownOnes()
    {
        var start = new CaseStart { CaseId = "c-5", Receipt = "R", Applicant = new Applicant("张三") };

        var ex = await Should.ThrowAsync<DefinitionNotFoundException>(() => Cases.StartAsync("GTGS-9999", start, Actor.Window("w"), Channel.Window));

        ex.Message.ShouldStartWith("no published definition 'GTGS-9999'; known: ");
        ex.Message.ShouldContain("QYKB-0001@1");
    }

    [Fact]
    public async Task FireTimer_StaleAfterTheBranchWasDecided_CompletesWithoutEvents()
    {
        await StartAsync("c-6");
        await Cases.SendAsync("c-6", Command.Send("accept", Actor.Window("w-001")));
        await Cases.SendAsync("c-6", Command.Send("approve", Actor.OfDepartment("tax", "t-001")));
        var before = (await Cases.GetAsync("c-6")).State.Version;
        var store = _services.GetRequiredService<ICaseStore>();
        _time.Advance(TimeSpan.FromHours(4));

        // The tax branch timer was cancelled when tax decided; the other branches' timers fire and warn.
        await FireDueTimersAsync();

        var timers = await store.ListTimersAsync("c-6");
        timers.Single(t => t.Kind == nameof(TimerKind.BranchLimit) && t.TimerId.Contains("approval/tax", StringComparison.Ordinal)).State.ShouldBe(TimerState.Cancelled);
        timers.ShouldNotContain(t => t.State == TimerState.Scheduled && t.DueAt <= _time.GetUtcNow());
        (await Cases.GetAsync("c-6")).State.Version.ShouldBeGreaterThan(before);
    }

    private async Task<int> FireDueTimersAsync()
    {
        var scheduler = _services.GetRequiredService<TimerScheduler>();
        var total = 0;
        for (var claimed = await scheduler.PollOnceAsync(); claimed > 0; claimed = await scheduler.PollOnceAsync())
        {
            total += claimed;
        }

        return total;
    }

    private Task<CaseResult> StartAsync(string caseId) => Cases.StartAsync(
        "QYKB-0001",
        new CaseStart { CaseId = caseId, Receipt = "R-" + caseId, Applicant = new Applicant("张三"), Submitted = new[] { "application", "articles", "premises", "shareholder-resolution" } },
        Actor.Window("w-001"),
        Channel.Window);

    private static string? Template(string payloadJson)
    {
        using var json = JsonDocument.Parse(payloadJson);
        return json.RootElement.GetProperty("template").GetString();
    }
}
