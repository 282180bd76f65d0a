using System.Net;
using System.Net.Http.Json;

namespace HongqiFlow.Server.Tests;

public sealed class MigrationApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task PlanThenExecute_MovesARunningCase_WhoseHistoryNamesWhoMovedIt_AndARepeatMovesNothing_ABadMappingEntryIsNamed()
    {
        var started = await server.As("window").PostJson("/api/cases", new
        {
            item = "QYKB-0001",
            applicant = new { name = "王五", phone = "13900001111" },
            submitted = new[] { "application", "articles", "premises", "shareholder-resolution" },
        });
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var caseId = (await started.Json()).GetProperty("caseId").GetString()!;
        (await server.As("window").PostJson($"/api/cases/{caseId}/events", new { @event = "accept" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var document = await (await server.As("author").GetAsync("/api/definitions/QYKB-0001")).Json();
        var yaml = document.GetProperty("yaml").GetString()!
            .Replace("  version: 1", "  version: 2", StringComparison.Ordinal)
            .Replace("promised: 0.5wd", "promised: 0.25wd", StringComparison.Ordinal)
            .Replace("supplementWithin: 0.5wd", "supplementWithin: 0.25wd", StringComparison.Ordinal);
        (await server.As("author").PutAsJsonAsync("/api/definitions/QYKB-0001/draft", new { yaml, baseRevision = document.GetProperty("revision").GetInt32() })).EnsureSuccessStatusCode();
        (await server.As("author").PostAsync("/api/definitions/QYKB-0001/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await server.As("admin").PostJson("/api/definitions/QYKB-0001/migrations/plan",
            new { from = 1, to = 2, mapping = new Dictionary<string, string> { ["nowhere"] = "received" } });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Json()).GetProperty("errors").GetProperty("mapping/nowhere")[0].GetString()
            .ShouldBe("version 1 has no state 'nowhere' in main / 第 1 版的主流程没有状态“nowhere”。");

        // An author plans (and is told they may not execute); the administrator's plan says they may.
        var plan = await (await server.As("author", "author-1").PostJson("/api/definitions/QYKB-0001/migrations/plan", new { from = 1, to = 2 })).Json();
        plan.GetProperty("mayExecute").GetBoolean().ShouldBeFalse();
        plan.GetProperty("executeRoles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["admin"]);
        (await (await server.As("admin").PostJson("/api/definitions/QYKB-0001/migrations/plan", new { from = 1, to = 2 })).Json())
            .GetProperty("mayExecute").GetBoolean().ShouldBeTrue();
        var planned = plan.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("caseId").GetString() == caseId);
        planned.GetProperty("class").GetString().ShouldBe("consequences");
        planned.GetProperty("consequences").EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ShouldContain("limit");
        var version = planned.GetProperty("version").GetInt64();

        var body = new { from = 1, to = 2, cases = new[] { new { caseId, version } } };
        // Moving cases is the system administrator's power (三员管理): the supervisor and the author are refused.
        (await server.As("supervisor").PostJson("/api/definitions/QYKB-0001/migrations/execute", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await server.As("author").PostJson("/api/definitions/QYKB-0001/migrations/execute", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var run = await (await server.As("admin", "admin-1").PostJson("/api/definitions/QYKB-0001/migrations/execute", body)).Json();
        run.GetProperty("cases")[0].GetProperty("result").GetString().ShouldBe("migrated");

        var history = await (await server.As("window").GetAsync($"/api/cases/{caseId}/history")).Json();
        var migrated = history.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "case-migrated");
        migrated.GetProperty("user").GetString().ShouldBe("admin-1");
        migrated.GetProperty("data").GetProperty("to").GetString().ShouldBe("QYKB-0001@2");
        (await server.As("window").GetAsync($"/api/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = await (await server.As("admin", "admin-1").PostJson("/api/definitions/QYKB-0001/migrations/execute", body)).Json();
        again.GetProperty("cases")[0].GetProperty("result").GetString().ShouldBe("already-migrated");
    }

    [Fact]
    public async Task Plan_SameVersionTwice_Answers400_AndAnAuthorMayNotExecute()
    {
        var response = await server.As("admin").PostJson("/api/definitions/QYKB-0001/migrations/plan",
            new { from = 1, to = 1 });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").GetProperty("to")[0].GetString().ShouldBe("must differ from 'from'");

        (await server.As("author").PostJson("/api/definitions/QYKB-0001/migrations/execute", new { from = 1, to = 2, cases = new[] { new { caseId = "x", version = 1 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
