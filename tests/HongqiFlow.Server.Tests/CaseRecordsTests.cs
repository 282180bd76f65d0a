using System.Net;
using HongqiFlow.Server.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Tests;

/// <summary>Worklists and metrics read a case's history once per version, not once per request.</summary>
public sealed class CaseRecordsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task MetricsAndWorklist_ReadOnlyTheCasesThatChanged()
    {
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
        var first = records.Statistics;

        // Nothing changed: the second metrics request and the worklist reuse all three.
        (await (await supervisor.GetAsync("/api/metrics")).Json()).GetProperty("overall").GetProperty("cases").GetInt32().ShouldBe(3);
        (await (await market.GetAsync("/api/worklist")).Json()).GetProperty("total").GetInt32().ShouldBe(3);
        records.Statistics.ShouldBe((first.Reads, first.Reuses + 6));

        // One case moves on: only it is read again, and the worklist shows its new state.
        (await market.PostJson($"/api/cases/{ids[1]}/events", new { @event = "approve" })).StatusCode.ShouldBe(HttpStatusCode.OK,
            "market approves its branch");
        var tasks = (await (await market.GetAsync("/api/worklist")).Json()).GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("caseId").GetString()).ToList();
        tasks.ShouldNotContain(ids[1]);
        records.Statistics.ShouldBe((first.Reads + 1, first.Reuses + 8));
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
