using System.Net;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// What the console's pages rely on the server for: staff never rate, a department reads only its own branches, the
/// worklist's 已办, the applicant's page without the government's own obligations, warnings naming who has the case.
/// </summary>
public sealed class ConsoleTruthApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>A 企业开办 case with every material, accepted, approved by the four departments and issued.</summary>
    private async Task<(string CaseId, string Code)> IssuedAsync()
    {
        var window = server.As("window", "clerk-9");
        var (caseId, code) = await Journey.StartWithCodeAsync(window);
        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept" }, "accept-" + caseId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var (department, branch) in new[] { ("market-regulation", "market"), ("tax", "tax"), ("hr-social-security", "social"), ("public-security", "seal") })
        {
            var approved = await server.As($"department:{department}", department + "-9").PostJson($"/api/cases/{caseId}/events", new { @event = "approve", branch }, $"approve-{branch}-{caseId}");
            approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        }

        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "issue" }, "issue-" + caseId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (caseId, code);
    }

    [Fact]
    public async Task Rate_ByTheWindow_IsRefusedAndNeverOffered_TheApplicantRatesAndOwesNothing()
    {
        var (caseId, code) = await IssuedAsync();
        var window = server.As("window", "clerk-9");
        (await (await window.GetAsync($"/api/cases/{caseId}")).Json()).GetProperty("permitted").EnumerateArray()
            .Select(p => p.GetProperty("event").GetString()).ShouldNotContain("rate");
        var refused = await window.PostJson($"/api/cases/{caseId}/events", new { @event = "rate", payload = new { level = 5 } }, "clerk-rate-" + caseId);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("评价由申请人在办件进度页提交");

        var anonymous = server.As(null);
        (await anonymous.PostJson($"/api/progress/{caseId}/rating", new { code, level = 1, comment = "太慢" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var progress = await (await anonymous.GetAsync($"/api/progress/{caseId}?code={code}")).Json();
        progress.GetProperty("owed").GetArrayLength().ShouldBe(0, "the rectification of a bad rating is the government's obligation");
        (await (await window.GetAsync($"/api/cases/{caseId}")).Json()).GetProperty("obligations").EnumerateArray()
            .Select(o => o.GetProperty("kind").GetString()).ShouldContain("rectification");
    }

    [Fact]
    public async Task Progress_AToleratedMaterial_IsOwedByTheApplicant()
    {
        var window = server.As("window", "clerk-9");
        var (caseId, code) = await Journey.StartWithCodeAsync(window, submitted: ["application", "articles", "premises"]);
        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept-tolerated" }, "tol-" + caseId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var progress = await (await server.As(null).GetAsync($"/api/progress/{caseId}?code={code}")).Json();
        progress.GetProperty("owed").EnumerateArray().Select(o => o.GetProperty("kind").GetString()).ShouldBe(["supplement"]);
    }

    [Fact]
    public async Task CaseView_OfADepartment_LeavesOutOtherDepartmentsBranches_TheWindowSeesThemAll()
    {
        var window = server.As("window", "clerk-9");
        var caseId = await Journey.StartAsync(window);
        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept" }, "accept-" + caseId)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var tax = server.As("department:tax", "tax-9");
        var taxView = await (await tax.GetAsync($"/api/cases/{caseId}")).Json();
        taxView.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("region").GetString()).ShouldBe(["main", "approval/tax"]);
        (await (await tax.GetAsync($"/api/cases/{caseId}/history")).Json()).EnumerateArray()
            .Select(e => e.TryGetProperty("region", out var r) ? r.GetString() : null).ShouldAllBe(r => r == null || r == "main" || r == "approval/tax");

        var windowView = await (await window.GetAsync($"/api/cases/{caseId}")).Json();
        windowView.GetProperty("regions").GetArrayLength().ShouldBe(5);
    }

    [Fact]
    public async Task Worklist_Handled_ListsTheStepsTheDepartmentDecided()
    {
        var (caseId, _) = await IssuedAsync();
        var tax = server.As("department:tax", "tax-9");
        var todo = await (await tax.GetAsync($"/api/worklist?receipt={caseId}")).Json();
        todo.GetProperty("total").GetInt32().ShouldBe(0);
        var handled = await (await tax.GetAsync($"/api/worklist?view=handled&receipt={caseId}")).Json();
        var row = handled.GetProperty("tasks").EnumerateArray().ShouldHaveSingleItem();
        row.GetProperty("region").GetString().ShouldBe("approval/tax");
        row.GetProperty("decision").GetString().ShouldBe("approve");
        row.GetProperty("handledAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
        (await tax.GetAsync("/api/worklist?view=later")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
