using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using HongqiFlow.Hosting;
using HongqiFlow.Notifications;
using HongqiFlow.Runtime;
using HongqiFlow.Scheduling;
using HongqiFlow.Storage.Tests.Notifications;
using HongqiFlow.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HongqiFlow.Storage.Tests.Hosting;

/// <summary>Runs alone: the outbox backlog gauge is one value per process, and other classes' dispatchers would move it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}

/// <summary>
/// The node's instruments (docs/operations.md) as a listener sees them: commands and rejections with their tags, timer
/// lag, outbox deliveries and backlog, and the command activity. Only measurements made on this test's own flow are
/// counted, so other tests' commands do not leak in.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2024, 9, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly AsyncLocal<bool> Mine = new();

    private readonly string _data = Directory.CreateTempSubdirectory("hongqi-telemetry-").FullName;
    private readonly FakeTimeProvider _time = new(Monday);
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> _measured = new();
    private readonly MeterListener _listener = new();
    private ServiceProvider _services = null!;

    private CaseService Cases => _services.GetRequiredService<CaseService>();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddHongqiFlow(new HongqiHostOptions { DataFolder = _data, DefinitionsFolder = Repository.Path("definitions"), NodeId = "node-t", RunBackgroundServices = false });
        _services = services.BuildServiceProvider();

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HongqiTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
        await _services.OpenHongqiFlowAsync();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _services.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task AcceptedCommand_CountsOnceWithItemEventAndOutcome_AndTakesADuration()
    {
        var started = await StartAsync("t-1");

        started.IsAccepted.ShouldBeTrue();
        var commands = Measured(HongqiTelemetry.CommandsInstrument);
        commands.Count.ShouldBe(1);
        commands[0].Value.ShouldBe(1);
        commands[0].Tags.ShouldBe(new Dictionary<string, string?>
        {
            [HongqiTelemetry.ItemTag] = "QYKB-0001",
            [HongqiTelemetry.EventTag] = "start",
            [HongqiTelemetry.OutcomeTag] = "accepted",
        });
        var duration = Measured(HongqiTelemetry.CommandDurationInstrument).ShouldHaveSingleItem();
        duration.Value.ShouldBeGreaterThan(0);
        duration.Tags[HongqiTelemetry.OutcomeTag].ShouldBe("accepted");
        Measured(HongqiTelemetry.RejectionsInstrument).ShouldBeEmpty();
    }

    [Fact]
    public async Task RejectedCommand_CountsARejectionWithItsCode_AndACommandWithOutcomeRejected()
    {
        await StartAsync("t-2");

        var refused = await Cases.SendAsync("t-2", Command.Send("issue", Actor.Window("w-001")));

        var code = refused.Rejection.ShouldNotBeNull().Code;
        var rejection = Measured(HongqiTelemetry.RejectionsInstrument).ShouldHaveSingleItem();
        rejection.Tags.ShouldBe(new Dictionary<string, string?>
        {
            [HongqiTelemetry.ItemTag] = "QYKB-0001",
            [HongqiTelemetry.EventTag] = "issue",
            [HongqiTelemetry.RejectionTag] = code,
        });
        Measured(HongqiTelemetry.CommandsInstrument).Select(m => m.Tags[HongqiTelemetry.OutcomeTag]).ShouldBe(["accepted", "rejected"]);
    }

    [Fact]
    public async Task UnknownEventName_IsNotATagValue()
    {
        await StartAsync("t-3");

        var refused = await Cases.SendAsync("t-3", Command.Send("张三的身份证号", Actor.Window("w-001")));

        refused.Rejection.ShouldNotBeNull().Code.ShouldBe(RejectionCodes.UnknownEvent);
        Measured(HongqiTelemetry.RejectionsInstrument).ShouldHaveSingleItem().Tags[HongqiTelemetry.EventTag].ShouldBe("(unknown)");
        _measured.ShouldAllBe(m => !m.Tags.Values.Contains("张三的身份证号"));
    }

    [Fact]
    public async Task DueTimer_RecordsHowLateItWasClaimed_AndTheOutboxCountsDeliveriesAndBacklog()
    {
        await StartAsync("t-4");
        var window = Actor.Window("w-001");
        await Cases.SendAsync("t-4", Command.Send("accept", window));
        await Cases.SendAsync("t-4", Command.Send("approve", Actor.OfDepartment("market-regulation", "m-001")));
        await Cases.SendAsync("t-4", Command.Send("approve", Actor.OfDepartment("public-security", "p-001")));
        await Cases.SendAsync("t-4", Command.Send("approve", Actor.OfDepartment("hr-social-security", "s-001")));
        var due = (await _services.GetRequiredService<Storage.ICaseStore>().ListTimersAsync("t-4")).Where(t => t.State == Storage.TimerState.Scheduled).Min(t => t.DueAt);
        _time.SetUtcNow(due + TimeSpan.FromMinutes(3));

        var scheduler = _services.GetRequiredService<TimerScheduler>();
        (await scheduler.PollOnceAsync()).ShouldBeGreaterThan(0);

        var lag = Measured(HongqiTelemetry.TimerLagInstrument);
        lag.ShouldNotBeEmpty();
        lag.Max(m => m.Value).ShouldBe(180, tolerance: 0.001);
        lag.ShouldAllBe(m => m.Tags[HongqiTelemetry.TimerKindTag] != null);
        Measured(HongqiTelemetry.TimersInstrument).ShouldAllBe(m => m.Tags[HongqiTelemetry.OutcomeTag] == "fired");

        // The tax branch is deemed by its timer; then the decision notice waits in the outbox.
        _time.Advance(TimeSpan.FromHours(4));
        while (await scheduler.PollOnceAsync() > 0)
        {
        }

        (await Cases.SendAsync("t-4", Command.Send("issue", window))).Rejection.ShouldBeNull();
        var store = _services.GetRequiredService<Storage.ICaseStore>();
        var pending = (await store.QueryOutboxAsync(new Storage.OutboxQuery(Storage.OutboxState.Pending))).Count;
        pending.ShouldBeGreaterThan(0);
        await _services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync();

        _listener.RecordObservableInstruments();
        Measured(HongqiTelemetry.OutboxBacklogInstrument).Last().Value.ShouldBe(pending);
        var deliveries = Measured(HongqiTelemetry.OutboxDeliveriesInstrument);
        deliveries.Count.ShouldBe(pending);
        deliveries.ShouldAllBe(m => m.Tags[HongqiTelemetry.ChannelTag] == "log" && m.Tags[HongqiTelemetry.OutcomeTag] == "delivered");
    }

    [Fact]
    public async Task Command_IsAnActivityOfTheHongqiFlowSource_WithItsOutcome()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HongqiTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (Mine.Value) { activities.Enqueue(a); } },
        };
        ActivitySource.AddActivityListener(listener);

        await StartAsync("t-5");

        var activity = activities.ShouldHaveSingleItem();
        activity.OperationName.ShouldBe("hongqi.command");
        activity.GetTagItem(HongqiTelemetry.ItemTag).ShouldBe("QYKB-0001");
        activity.GetTagItem(HongqiTelemetry.OutcomeTag).ShouldBe("accepted");
    }

    [Fact]
    public async Task Webhook_TransientFailure_IsRetriedByTheClientWithinOneDelivery()
    {
        using var receiver = new LoopbackReceiver((_, attempt) => attempt == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
        var services = new ServiceCollection();
        services.AddHongqiFlow(new HongqiHostOptions { DataFolder = Path.Combine(_data, "webhook"), DefinitionsFolder = Repository.Path("definitions"), NodeId = "node-w", RunBackgroundServices = false, Webhook = receiver.Endpoint });
        await using var provider = services.BuildServiceProvider();
        var webhook = provider.GetServices<IOutboxChannel>().Single(c => c.Name == "webhook");

        await webhook.DeliverAsync(new Storage.OutboxMessage("m-1", "c-1", "webhook", """{"template":"accepted"}""", 1, Monday), CancellationToken.None);

        receiver.RequestsFor("m-1").ShouldBe(2);
        receiver.Accepted.Keys.ShouldBe(["m-1"]);
    }

    [Fact]
    public void EveryInstrument_IsInTheOperationsTable_AndTheTableNamesNoOther()
    {
        var published = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == HongqiTelemetry.Name)
                {
                    published.Add(instrument.Name);
                }
            },
        };
        listener.Start();
        var documented = File.ReadAllLines(Repository.Path("docs", "operations.md"))
            .Where(l => l.StartsWith("| `hongqi.", StringComparison.Ordinal))
            .Select(l => l.Split('`')[1])
            .ToList();

        published.Order(StringComparer.Ordinal).ShouldBe(documented.Order(StringComparer.Ordinal));
    }

    private Task<CaseResult> StartAsync(string caseId)
    {
        // Marks this test's flow (and what it awaits) as the one whose measurements count.
        Mine.Value = true;
        return Cases.StartAsync(
        "enterprise-establishment",
        new CaseStart { CaseId = caseId, Receipt = $"QYKB-20240923-{caseId}", Applicant = new Applicant("张三", "110101199001011234", "13800000000"), Submitted = new[] { "application", "articles", "premises", "shareholder-resolution" } },
        Actor.Window("w-001"),
        Channel.Window);
    }

    private List<(string Instrument, double Value, Dictionary<string, string?> Tags)> Measured(string instrument) =>
        [.. _measured.Where(m => m.Instrument == instrument)];

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!Mine.Value)
        {
            return;
        }

        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        _measured.Enqueue((instrument.Name, value, copy));
    }
}
