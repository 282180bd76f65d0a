using System.Net;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// The newcomer's walkthrough as a test: a 企业开办 case accepted with one tolerated material, approved by the three
/// departments from their own worklists, refused issue until the supplement, issued, rated 非常不满意 by the applicant,
/// rectified and answered by the supervisor, and counted in the metrics. Run in-process and against the real server.
/// </summary>
internal static class Journey
{
    public const string IdNumber = "11010519491231002X";

    /// <summary>Every material a 企业开办 (QYKB-0001) application needs.</summary>
    public static readonly string[] CompleteMaterials = ["application", "articles", "premises", "shareholder-resolution"];

    /// <summary>Starts a 企业开办 case for applicant 甲 through the API (201 expected) and returns its id.</summary>
    public static async Task<string> StartAsync(HttpClient window, string channel = "window", bool assisted = false, string[]? submitted = null) =>
        (await StartWithCodeAsync(window, channel, assisted, submitted)).CaseId;

    /// <summary>As <see cref="StartAsync"/>, with the applicant's verification code.</summary>
    public static async Task<(string CaseId, string Code)> StartWithCodeAsync(HttpClient window, string channel = "window", bool assisted = false, string[]? submitted = null)
    {
        var response = await window.PostJson("/api/cases", new { item = "QYKB-0001", applicant = new { name = "甲" }, submitted = submitted ?? CompleteMaterials, channel, assisted });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var start = await response.Json();
        return (start.GetProperty("caseId").GetString()!, start.GetProperty("verificationCode").GetString()!);
    }

    public static async Task<string> RunAsync(Func<string?, string, HttpClient> clients, string startKey)
    {
        var window = clients("window", "clerk-1");
        var application = new
        {
            item = "QYKB-0001",
            applicant = new { name = "张三丰", idNumber = IdNumber, phone = "13812345678" },
            submitted = new[] { "application", "articles", "shareholder-resolution" },
            channel = "window",
        };
        var started = await window.PostJson("/api/cases", application, startKey);
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var start = await started.Json();
        var caseId = start.GetProperty("caseId").GetString()!;
        var code = start.GetProperty("verificationCode").GetString()!;
        start.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ShouldBe(["premises"]);
        start.GetProperty("mayDo").EnumerateArray().Select(p => p.GetProperty("event").GetString()).ShouldContain("accept-tolerated");
        start.GetProperty("case").GetProperty("applicant").GetProperty("idNumber").GetString().ShouldBe(IdNumber);

        // The same key with another body is not a retry: 422 naming the key, never the first applicant's case.
        var reused = await window.PostJson("/api/cases", new { item = "QYKB-0001", applicant = new { name = "张三丰" } }, startKey);
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await reused.Content.ReadAsStringAsync());
        (await reused.Content.ReadAsStringAsync()).ShouldNotContain(IdNumber);
        var repeat = await window.PostJson("/api/cases", application, startKey);
        repeat.StatusCode.ShouldBe(HttpStatusCode.Created, await repeat.Content.ReadAsStringAsync() + " " + await started.Content.ReadAsStringAsync());
        (await repeat.Json()).GetProperty("caseId").GetString().ShouldBe(caseId);
        (await repeat.Json()).GetProperty("case").GetProperty("version").GetInt64().ShouldBe(start.GetProperty("case").GetProperty("version").GetInt64());

        var accepted = await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept-tolerated" }, "k1");
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var acceptedCase = (await accepted.Json()).GetProperty("case");
        acceptedCase.GetProperty("mainState").GetString().ShouldBe("approval");
        var branches = acceptedCase.GetProperty("regions").EnumerateArray().Where(r => r.GetProperty("region").GetString()!.Contains('/'))
            .Select(r => r.GetProperty("department").GetString()!).ToList();
        branches.ShouldContain("market-regulation");
        branches.ShouldContain("tax");
        branches.ShouldContain("hr-social-security");

        var receipt = await window.GetAsync($"/api/cases/{caseId}/documents/receipt");
        (await receipt.Content.ReadAsStringAsync()).ShouldContain("受理回执");
        var tolerance = await window.GetAsync($"/api/cases/{caseId}/documents/tolerance-notice");
        (await tolerance.Content.ReadAsStringAsync()).ShouldContain("住所（经营场所）使用证明");

        var tax = clients("department:tax", "tax-1");
        var taxList = await (await tax.GetAsync("/api/worklist")).Json();
        var taxTasks = taxList.GetProperty("tasks").EnumerateArray().Where(t => t.GetProperty("caseId").GetString() == caseId).ToList();
        taxTasks.Count.ShouldBe(1);
        taxTasks[0].GetProperty("branch").GetString().ShouldBe("tax");
        (await tax.GetAsync($"/api/worklist?department=market-regulation")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await tax.PostJson($"/api/cases/{caseId}/events", new { @event = "approve", branch = "market" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var taxCase = await (await tax.GetAsync($"/api/cases/{caseId}")).Json();
        taxCase.GetProperty("applicant").GetProperty("idNumber").GetString().ShouldBe("110105********002X");

        foreach (var department in branches)
        {
            var user = department + "-1";
            var approved = await clients($"department:{department}", user).PostJson($"/api/cases/{caseId}/events", new { @event = "approve" }, $"approve-{department}");
            approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        }

        var early = await window.PostJson($"/api/cases/{caseId}/events", new { @event = "issue" });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await early.Json();
        problem.GetProperty("permitted").EnumerateArray().Select(p => p.GetProperty("event").GetString()).ShouldContain("supplement");

        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "supplement", payload = new { materials = new[] { "premises" } } }, "supp")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var issued = await window.PostJson($"/api/cases/{caseId}/events", new { @event = "issue" }, "issue");
        issued.StatusCode.ShouldBe(HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        (await issued.Json()).GetProperty("case").GetProperty("outcome").GetString().ShouldBe("approved");
        (await (await window.GetAsync($"/api/cases/{caseId}/documents/decision")).Content.ReadAsStringAsync()).ShouldContain("办理结果通知书");

        var anonymous = clients(null, "applicant");
        (await anonymous.GetAsync($"/api/progress/{caseId}?code=000000x")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var progress = await (await anonymous.GetAsync($"/api/progress/{caseId}?code={code}")).Json();
        progress.GetProperty("applicant").GetString().ShouldBe("张**");
        progress.GetProperty("canRate").GetBoolean().ShouldBeTrue();
        progress.GetRawText().ShouldNotContain(IdNumber);
        var rated = await anonymous.PostJson($"/api/progress/{caseId}/rating", new { code, level = 1, comment = "排队太久，请回电 13912345678" });
        rated.StatusCode.ShouldBe(HttpStatusCode.OK, await rated.Content.ReadAsStringAsync());

        // The phone number the applicant wrote is masked for the supervisor, in the ticket and in the case; the window reads it whole.
        var supervisor = clients("supervisor", "sup-1");
        var tickets = await (await supervisor.GetAsync("/api/tickets")).Json();
        var ticket = tickets.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == caseId);
        ticket.GetProperty("level").GetInt32().ShouldBe(1);
        ticket.GetProperty("comment").GetString().ShouldBe("排队太久，请回电 139****5678");
        (await (await supervisor.GetAsync($"/api/cases/{caseId}")).Json()).GetProperty("rating").GetProperty("comment").GetString().ShouldBe("排队太久，请回电 139****5678");
        (await (await window.GetAsync($"/api/cases/{caseId}")).Json()).GetProperty("rating").GetProperty("comment").GetString().ShouldBe("排队太久，请回电 13912345678");
        ticket.GetProperty("rectified").GetBoolean().ShouldBeFalse();
        (await supervisor.PostJson($"/api/tickets/{caseId}/rectify", new { note = "增设取号窗口" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await supervisor.PostJson($"/api/tickets/{caseId}/feedback", new { note = "已电话回访" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var metrics = await (await supervisor.GetAsync("/api/metrics")).Json();
        var item = metrics.GetProperty("byItem").GetProperty("QYKB-0001");
        item.GetProperty("finished").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        item.GetProperty("badRatings").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        item.GetProperty("rectificationRate").GetDouble().ShouldBe(1);
        item.GetProperty("feedbackRate").GetDouble().ShouldBe(1);
        metrics.GetProperty("byDepartment").TryGetProperty("tax", out _).ShouldBeTrue();
        var csv = await (await supervisor.GetAsync("/api/metrics?format=csv")).Content.ReadAsStringAsync();
        csv.ShouldStartWith("scope,key,indicator,value\n");
        csv.ShouldContain("item,QYKB-0001,rectificationRate,1");

        var history = await (await window.GetAsync($"/api/cases/{caseId}/history")).Json();
        history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldContain("rate");
        return caseId;
    }
}
