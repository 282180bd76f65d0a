using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// Personal tasks through the API: the department pool, claiming, a refusal for another person, transfer, recall,
/// the case's tasks, a deputy acting for a reviewer, the personal worklists and the per-person metrics.
/// </summary>
public sealed class PeopleTasksApiTests
{
    private const string Market = "department:market-regulation";

    [Fact]
    public async Task ClaimTransferRecallDeputy_ThroughTheApi_WorklistsAndMetricsFollow()
    {
        using var server = new ServerFixture();
        var window = server.As("window", "clerk-1");
        var started = await window.PostJson("/api/cases", new
        {
            item = "SCZT-1001",
            applicant = new { name = "某咨询有限公司", idNumber = Journey.IdNumber, phone = "13812345678" },
            submitted = new[] { "application", "resolution", "articles-amendment", "premises" },
            data = new { changes = new[] { "shareholders" } },
            channel = "window",
        });
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await started.Json()).GetProperty("caseId").GetString()!;
        (await window.PostJson($"/api/cases/{id}/events", new { @event = "accept" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var zhang = server.As(Market, "zhang-wei");
        var li = server.As(Market, "li-na");
        async Task<List<JsonElement>> Tasks(HttpClient who, string view)
        {
            var page = await (await who.GetAsync($"/api/my/tasks?view={view}")).Json();
            return [.. page.GetProperty("tasks").EnumerateArray().Where(t => t.GetProperty("caseId").GetString() == id)];
        }

        // 待签收: both handlers see it in the pool, with the claim button; a reviewer does not.
        var pool = (await Tasks(li, "pool")).ShouldHaveSingleItem();
        pool.GetProperty("task").GetProperty("state").GetString().ShouldBe("review");
        pool.GetProperty("permitted").EnumerateArray().Select(p => p.GetProperty("event").GetString()).ShouldContain("claim");
        (await Tasks(server.As(Market, "wang-qiang"), "pool")).ShouldBeEmpty();

        (await zhang.PostJson($"/api/cases/{id}/events", new { @event = "claim" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Tasks(li, "pool")).ShouldBeEmpty();
        (await Tasks(zhang, "mine")).ShouldHaveSingleItem().GetProperty("task").GetProperty("holder").GetString().ShouldBe("zhang-wei");

        var refused = await li.PostJson($"/api/cases/{id}/events", new { @event = "approve" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Json()).GetProperty("code").GetString().ShouldBe("HQ6081");

        (await zhang.PostJson($"/api/cases/{id}/events", new { @event = "transfer", payload = new { to = "li-na", reason = "出差" } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var mine = (await Tasks(li, "mine")).ShouldHaveSingleItem();
        mine.GetProperty("task").GetProperty("previous").EnumerateArray().Select(p => p.GetString()).ShouldBe(["zhang-wei"]);

        (await li.PostJson($"/api/cases/{id}/events", new { @event = "approve" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Tasks(li, "done")).ShouldHaveSingleItem().GetProperty("done").GetProperty("state").GetString().ShouldBe("review");
        (await li.PostJson($"/api/cases/{id}/events", new { @event = "recall" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await li.PostJson($"/api/cases/{id}/events", new { @event = "approve" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // 代理: the reviewer names zhang-wei their deputy; he reviews for them, and the history says so.
        var wang = server.As(Market, "wang-qiang");
        (await wang.PutAsJsonAsync("/api/people/me/deputy", new { deputy = "zhang-wei", until = DateTimeOffset.UtcNow.AddDays(2) })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Tasks(zhang, "pool")).ShouldHaveSingleItem().GetProperty("task").GetProperty("state").GetString().ShouldBe("checking");
        (await zhang.PostJson($"/api/cases/{id}/events", new { @event = "claim" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var acting = (await Tasks(zhang, "mine")).ShouldHaveSingleItem();
        acting.GetProperty("task").GetProperty("holder").GetString().ShouldBe("wang-qiang");
        acting.GetProperty("onBehalfOf").GetString().ShouldBe("wang-qiang");
        (await zhang.PostJson($"/api/cases/{id}/events", new { @event = "approve" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var tasks = await (await window.GetAsync($"/api/cases/{id}/tasks")).Json();
        tasks.GetProperty("tasks").EnumerateArray().Single().GetProperty("state").GetString().ShouldBe("approving");
        tasks.GetProperty("done").EnumerateArray().Select(d => d.GetProperty("person").GetString()).ShouldBe(["li-na", "li-na", "wang-qiang"]);
        var history = await (await window.GetAsync($"/api/cases/{id}/history")).Json();
        history.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "approve" && e.TryGetProperty("onBehalfOf", out var principal) && principal.GetString() == "wang-qiang")
            .GetProperty("user").GetString().ShouldBe("zhang-wei");

        var metrics = await (await server.As("supervisor").GetAsync("/api/supervision/people")).Json();
        var lina = metrics.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "li-na");
        lina.GetProperty("done").GetInt32().ShouldBe(2);
        lina.GetProperty("name").GetString().ShouldBe("李娜");
        metrics.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "zhang-wei").GetProperty("transfers").GetInt32().ShouldBe(1);
        metrics.GetProperty("positions").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "handler").GetProperty("done").GetInt32().ShouldBe(2);
    }
}
