using System.Net;
using HongqiFlow.Server.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Tests;

/// <summary>Worklists read a case's history once per version, not once per request; metrics read the indicator projection, not the records.</summary>
public sealed class CaseRecordsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task MetricsAndWorklist_ReadOnlyTheCasesThatChanged()
    {
        await IndicatorProjectionTests.ReadyAsync(server);
        var window = server.As("window");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = await Journey.StartAsync(window);
            (await window.PostJson($"/api/cases/{id}/events", new { @event = "accept" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            ids.Add(id);
        }

        var records = server.Services.GetRequiredService<CaseRecords>();
        var supervisor = server.As("supervisor");
        var market = server.As("department:market-regulation");
        (await (await supervisor.GetAsync("/api/metrics")).Json()).GetProperty("overall").GetProperty("cases").GetInt32().ShouldBe(3);
        records.Statistics.ShouldBe((0, 0), "the metrics read the indicator projection");
        (await (await market.GetAsync("/api/worklist")).Json()).GetProperty("total").GetInt32().ShouldBe(3);
        var first = records.Statistics;

        // Nothing changed: the worklist reuses all three; the metrics request reads no record at all.
        (await (await supervisor.GetAsync("/api/metrics")).Json()).GetProperty("overall").GetProperty("cases").GetInt32().ShouldBe(3);
        (await (await market.GetAsync("/api/worklist")).Json()).GetProperty("total").GetInt32().ShouldBe(3);
        records.Statistics.ShouldBe((first.Reads, first.Reuses + 3));

        // One case moves on: only it is read again, and the worklist shows its new state.
        (await market.PostJson($"/api/cases/{ids[1]}/events", new { @event = "approve" })).StatusCode.ShouldBe(HttpStatusCode.OK,
            "market approves its branch");
        var tasks = (await (await market.GetAsync("/api/worklist")).Json()).GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("caseId").GetString()).ToList();
        tasks.ShouldNotContain(ids[1]);
        records.Statistics.ShouldBe((first.Reads + 1, first.Reuses + 5));
    }
}

/// <summary>The records keep at most their capacity (a fresh store of its own).</summary>
public sealed class CaseRecordsCapacityTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Records_BeyondTheCapacity_KeepAtMostThatManyAndReadTheRestAgain()
    {
        var window = server.As("window");
        for (var i = 0; i < 3; i++)
        {
            await Journey.StartAsync(window);
        }

        var small = new CaseRecords(
            server.Services.GetRequiredService<Storage.ICaseStore>(), server.Services.GetRequiredService<Hosting.CaseService>(),
            server.Services.GetRequiredService<Hosting.DefinitionRegistry>(), capacity: 2);

        var all = (await small.ReadAsync(null, CancellationToken.None)).Count;
        all.ShouldBeGreaterThanOrEqualTo(3);
        small.Count.ShouldBeLessThanOrEqualTo(2);
        (await small.ReadAsync(null, CancellationToken.None)).Count.ShouldBe(all);
        small.Statistics.Reads.ShouldBeGreaterThan(all, "what did not fit is read again");
        small.Count.ShouldBeLessThanOrEqualTo(2);
    }
}

/// <summary>What metrics need of a case is worked out once when it no longer changes with time, at each request while it runs.</summary>
public sealed class CaseFactsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Facts_OfARunningClock_FollowTheTime_OfAClockNotStarted_AreKept()
    {
        var window = server.As("window");
        var running = await Journey.StartAsync(window);
        (await window.PostJson($"/api/cases/{running}/events", new { @event = "accept" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var received = await Journey.StartAsync(window);

        var records = (await server.Services.GetRequiredService<CaseRecords>().ReadAsync(null, CancellationToken.None))
            .ToDictionary(r => r.State.CaseId);
        var now = DateTimeOffset.UtcNow;

        var accepted = records[running];
        accepted.Facts(now).Overdue.ShouldBeFalse("just accepted");
        accepted.Facts(now.AddDays(400)).Overdue.ShouldBeTrue("the promised limit is long past");
        accepted.Facts(now).ShouldNotBeSameAs(accepted.Facts(now), "a running clock is read again each time");

        var notAccepted = records[received];
        notAccepted.Facts(now).Accepted.ShouldBeFalse();
        notAccepted.Facts(now.AddDays(400)).ShouldBeSameAs(notAccepted.Facts(now), "no clock runs, so the facts are kept");
        notAccepted.Facts(now.AddDays(400)).Overdue.ShouldBeFalse();
    }
}

/// <summary>A record sums its history up once (what the indicators and tickets need) and does not keep it.</summary>
public sealed class CaseHistoryFactsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Record_SumsUpItsHistory()
    {
        var window = server.As("window");
        var noticed = await Journey.StartAsync(window, submitted: ["application"]);
        (await window.PostJson($"/api/cases/{noticed}/events", new { @event = "notify-missing" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var online = await Journey.StartAsync(window, "online");

        var records = (await server.Services.GetRequiredService<CaseRecords>().ReadAsync(null, CancellationToken.None)).ToDictionary(r => r.State.CaseId);
        var history = await (await window.GetAsync($"/api/cases/{noticed}/history")).Json();

        var facts = records[noticed].HistoryFacts;
        facts.SubmittedTwice.ShouldBeTrue("a one-time notice asks for materials again");
        facts.Visits.ShouldBe(1, "started at the window");
        facts.NoticeComplete.ShouldBeTrue();
        facts.Rectified.ShouldBeFalse();
        facts.StartedAt.ShouldBe(history[0].GetProperty("at").GetDateTimeOffset());
        records[online].HistoryFacts.Visits.ShouldBe(0, "an online start is no trip to the window");
        records[online].HistoryFacts.SubmittedTwice.ShouldBeFalse();
        typeof(CaseRecord).GetProperty("History").ShouldBeNull("the history is not kept in memory");
    }
}

/// <summary>A server started over cases reads them before anyone asks (Hongqi:SupervisionWarmUp, on by default).</summary>
public sealed class SupervisionWarmUpTests
{
    [Fact]
    public async Task Start_OverStoredCases_ReadsThemBeforeTheFirstRequest()
    {
        var folder = Directory.CreateTempSubdirectory("hongqi-warm-").FullName;
        try
        {
            using (var first = new ServerFixture { DataFolder = folder })
            {
                var window = first.As("window");
                for (var i = 0; i < 3; i++)
                {
                    await Journey.StartAsync(window);
                }
            }

            using var restarted = new ServerFixture { DataFolder = folder, SupervisionWarmUp = true };
            var records = restarted.Services.GetRequiredService<CaseRecords>();
            for (var waited = 0; records.Count < 3 && waited < 300; waited++)
            {
                await Task.Delay(100);
            }

            records.Count.ShouldBe(3, "the warm-up read every stored case without a request");
            var read = records.Statistics.Reads;
            (await (await restarted.As("supervisor").GetAsync("/api/metrics")).Json()).GetProperty("overall").GetProperty("cases").GetInt32().ShouldBe(3);
            records.Statistics.Reads.ShouldBe(read, "the first request reads nothing again");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
