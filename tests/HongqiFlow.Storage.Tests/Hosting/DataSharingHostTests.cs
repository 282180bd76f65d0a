using HongqiFlow.Hosting;
using HongqiFlow.Hosting.Demo;
using HongqiFlow.Notifications;
using HongqiFlow.Runtime;
using HongqiFlow.Storage;
using HongqiFlow.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HongqiFlow.Storage.Tests.Hosting;

/// <summary>
/// 数据共享 on a node as the server builds it: <c>fetch-requested</c> goes to the outbox with its event, the
/// data-sharing channel asks the connector and records <c>data-shared</c> or <c>data-refused</c> as the system, once
/// per request, and the case moves on (职工参保登记 registers by itself once both records check out).
/// </summary>
public sealed class DataSharingHostTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2024, 9, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly string _data = Directory.CreateTempSubdirectory("hongqi-sharing-").FullName;
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly List<ServiceProvider> _nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task FetchRequested_DemoConnector_RecordsBothRecordsAsTheSystemAndTheCaseRegistersByItself()
    {
        var node = await NodeAsync(_ => DemoDataSharingConnector.Seeded);
        var cases = node.GetRequiredService<CaseService>();

        var accepted = await StartAndAcceptAsync(cases, "c-1");
        var pending = await Store(node).QueryOutboxAsync(new OutboxQuery(OutboxState.Pending, "c-1"));
        var claimed = await node.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync();

        accepted.State!.MainState.ShouldBe("checking");
        var fetches = accepted.Events.Where(e => e.Type == CaseEventTypes.FetchRequested).ToList();
        fetches.Select(e => e.Data.GetString("source")).ShouldBe(["population.id-card", "hr.social-insurance"]);
        pending.Where(o => o.Channel == DataSharingRequests.Channel).Select(o => o.MessageId)
            .ShouldBe(fetches.Select(e => $"c-1:{e.Sequence}:fetch"), ignoreOrder: true);
        claimed.ShouldBeGreaterThanOrEqualTo(2);
        var history = await cases.HistoryAsync("c-1");
        var shared = history.Where(e => e.Type == BuiltInEvents.DataShared).ToList();
        shared.Select(e => e.Data.GetString("source")).ShouldBe(["population.id-card", "hr.social-insurance"], ignoreOrder: true);
        shared.ShouldAllBe(e => e.Actor.Role == ActorRole.System);
        shared.Select(e => e.IdempotencyKey).ShouldBe(fetches.Select(f => DataSharing.AnswerKey(f.Data.GetString("source")!, f.Sequence)), ignoreOrder: true);
        var view = await cases.GetAsync("c-1");
        view.State.MainState.ShouldBe("registered");
        view.State.Data.GetMap("population.id-card")!.GetString("name").ShouldBe("李四");
        view.State.Materials.Shared.ShouldContain("employee-id");
        (await Store(node).QueryOutboxAsync(new OutboxQuery(CaseId: "c-1"))).Where(o => o.Channel == DataSharingRequests.Channel)
            .ShouldAllBe(o => o.State == OutboxState.Delivered);
        (await cases.ReplayAsync("c-1")).ShouldBe(view.State);
    }

    [Fact]
    public async Task FetchRequested_NodeStopsAfterClaimingTheRequest_AnotherNodeAnswersItOnceTheLeaseRunsOut()
    {
        var node = await NodeAsync(_ => DemoDataSharingConnector.Seeded);
        var cases = node.GetRequiredService<CaseService>();
        await StartAndAcceptAsync(cases, "c-2");

        // A node claims both requests and stops before answering: nothing is lost, the lease runs out.
        var lost = await Store(node).ClaimOutboxAsync(_time.GetUtcNow(), "node-gone", TimeSpan.FromMinutes(2), 50);
        (await node.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync()).ShouldBe(0);
        _time.Advance(TimeSpan.FromMinutes(3));
        await node.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync();

        lost.Count(m => m.Channel == DataSharingRequests.Channel).ShouldBe(2);
        (await cases.GetAsync("c-2")).State.MainState.ShouldBe("registered");
        (await cases.HistoryAsync("c-2")).Count(e => e.Type == BuiltInEvents.DataShared).ShouldBe(2);
    }

    [Fact]
    public async Task DeliverAsync_RepeatedAfterTheAnswerWasRecorded_RecordsNothingMoreEvenWhenTheSourceNowAnswersOtherwise()
    {
        var node = await NodeAsync(_ => DemoDataSharingConnector.Seeded);
        var cases = node.GetRequiredService<CaseService>();
        await StartAndAcceptAsync(cases, "c-3");
        var message = (await Store(node).ClaimOutboxAsync(_time.GetUtcNow(), "node-a", TimeSpan.FromMinutes(2), 50))
            .First(m => m.Channel == DataSharingRequests.Channel);
        var channel = Channel(node);
        await channel.DeliverAsync(message, CancellationToken.None);
        var before = await cases.HistoryAsync("c-3");

        // The node stopped before marking it delivered: the same request is delivered again, once as it was and
        // once with the source now failing; the first answer stands.
        await channel.DeliverAsync(message, CancellationToken.None);
        await new DataSharingChannel(cases, new FailingConnector()).DeliverAsync(message, CancellationToken.None);

        before.Count(e => e.Type == BuiltInEvents.DataShared).ShouldBe(1);
        (await cases.HistoryAsync("c-3")).ShouldBe(before);
    }

    [Fact]
    public async Task FetchRequested_ConnectorFails_RecordsDataRefusedWithTheReasonAndTheMaterialMustBeSubmitted()
    {
        var node = await NodeAsync(_ => new FailingConnector());
        var cases = node.GetRequiredService<CaseService>();
        await StartAndAcceptAsync(cases, "c-4");

        await node.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync();

        var refused = (await cases.HistoryAsync("c-4")).Where(e => e.Type == BuiltInEvents.DataRefused).ToList();
        refused.Select(e => e.Data.GetString("source")).ShouldBe(["population.id-card", "hr.social-insurance"], ignoreOrder: true);
        refused.ShouldAllBe(e => e.Data.GetString("reason") == "人口库维护中" && e.Actor.Role == ActorRole.System);
        var state = (await cases.GetAsync("c-4")).State;
        state.MainState.ShouldBe("checking");
        state.Materials.Refused.ShouldBe(["employee-id"]);
        (await Store(node).QueryOutboxAsync(new OutboxQuery(CaseId: "c-4"))).Where(o => o.Channel == DataSharingRequests.Channel)
            .ShouldAllBe(o => o.State == OutboxState.Delivered);
    }

    [Fact]
    public async Task FetchRequested_SourceWithoutARecordOrTooSlow_IsRefusedWithTheReason()
    {
        var node = await NodeAsync(_ => new HangingConnector());
        var cases = node.GetRequiredService<CaseService>();
        await StartAndAcceptAsync(cases, "c-5");
        var messages = (await Store(node).ClaimOutboxAsync(_time.GetUtcNow(), "node-a", TimeSpan.FromMinutes(2), 50))
            .Where(m => m.Channel == DataSharingRequests.Channel).ToList();

        // population.id-card hangs past the channel's limit; hr.social-insurance has no record of the applicant.
        var channel = new DataSharingChannel(cases, new HangingConnector()) { Timeout = TimeSpan.FromMilliseconds(200) };
        foreach (var message in messages)
        {
            await channel.DeliverAsync(message, CancellationToken.None);
        }

        var reasons = (await cases.HistoryAsync("c-5")).Where(e => e.Type == BuiltInEvents.DataRefused)
            .ToDictionary(e => e.Data.GetString("source")!, e => e.Data.GetString("reason")!);
        reasons["population.id-card"].ShouldBe("数据源“population.id-card”在 0.2 秒内未答复。");
        reasons["hr.social-insurance"].ShouldBe("数据源“hr.social-insurance”中没有该申请人的记录。");
    }

    [Fact]
    public async Task FetchRequested_NoConnectorConfigured_WritesNoDataSharingMessage()
    {
        var node = await NodeAsync(null);
        var cases = node.GetRequiredService<CaseService>();

        var accepted = await StartAndAcceptAsync(cases, "c-6");

        accepted.Events.ShouldContain(e => e.Type == CaseEventTypes.FetchRequested);
        (await Store(node).QueryOutboxAsync(new OutboxQuery(CaseId: "c-6"))).ShouldNotContain(o => o.Channel == DataSharingRequests.Channel);
        node.GetServices<IOutboxChannel>().ShouldNotContain(c => c.Name == DataSharingRequests.Channel);
    }

    private async Task<ServiceProvider> NodeAsync(Func<IServiceProvider, IDataSharingConnector>? connector)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddHongqiFlow(new HongqiHostOptions
        {
            DataFolder = _data,
            DefinitionsFolder = Repository.Path("definitions"),
            NodeId = "node-a",
            RunBackgroundServices = false,
            DataSharing = connector,
        });
        var node = services.BuildServiceProvider();
        _nodes.Add(node);
        await node.OpenHongqiFlowAsync();
        return node;
    }

    private static ICaseStore Store(ServiceProvider node) => node.GetRequiredService<ICaseStore>();

    private static DataSharingChannel Channel(ServiceProvider node) =>
        node.GetServices<IOutboxChannel>().OfType<DataSharingChannel>().Single();

    private static async Task<CaseResult> StartAndAcceptAsync(CaseService cases, string caseId)
    {
        var window = Actor.Window("w-001");
        var start = new CaseStart
        {
            CaseId = caseId,
            Receipt = $"SBDJ-20240923-{caseId}",
            Applicant = new Applicant("李四", "110101199001011234", "13800000000"),
            Submitted = new[] { "application", "labour-contract" },
        };
        (await cases.StartAsync("employee-social-insurance-registration", start, window, Runtime.Channel.Window)).IsAccepted.ShouldBeTrue();
        var accepted = await cases.SendAsync(caseId, Command.Send("accept", window));
        accepted.Rejection.ShouldBeNull();
        return accepted;
    }

    private sealed class FailingConnector : IDataSharingConnector
    {
        public Task<SharedRecord?> FetchAsync(string source, CaseState state, CancellationToken cancellationToken) =>
            throw new DataSharingException("人口库维护中");
    }

    private sealed class HangingConnector : IDataSharingConnector
    {
        public async Task<SharedRecord?> FetchAsync(string source, CaseState state, CancellationToken cancellationToken)
        {
            if (source == "population.id-card")
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return null;
        }
    }
}
