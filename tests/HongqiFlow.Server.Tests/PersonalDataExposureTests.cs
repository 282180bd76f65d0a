using System.Net;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// Who reads the verification code and the applicant's personal data: every document kind and every case view × every
/// role that works cases; only the window and admins (who hand the code to the applicant) see the code; departments
/// and supervisors read applicant texts masked; a department pages over its own cases only.
/// </summary>
public sealed class PersonalDataExposureTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string[] CaseRoles = ["window", "admin", "department:tax", "supervisor"];

    private static bool SeesCode(string role) => role is "window" or "admin";

    /// <summary>A 企业开办 case with every document: noticed, accepted with a tolerated material, approved, supplemented, issued.</summary>
    private async Task<(string CaseId, string Code)> CaseWithEveryDocumentAsync()
    {
        var window = server.As("window");
        var (caseId, code) = await Journey.StartWithCodeAsync(window, submitted: ["application", "articles", "shareholder-resolution"]);
        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept-tolerated" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var department in new[] { "market-regulation", "tax", "hr-social-security", "public-security" })
        {
            var approved = await server.As($"department:{department}").PostJson($"/api/cases/{caseId}/events", new { @event = "approve" });
            approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        }

        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "supplement", payload = new { materials = new[] { "premises" } } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var issued = await window.PostJson($"/api/cases/{caseId}/events", new { @event = "issue" });
        issued.StatusCode.ShouldBe(HttpStatusCode.OK, await issued.Content.ReadAsStringAsync() + await (await window.GetAsync($"/api/cases/{caseId}")).Content.ReadAsStringAsync());
        return (caseId, code);
    }

    [Fact]
    public async Task EveryDocumentAndView_ShowsTheVerificationCode_OnlyToWindowAndAdmin()
    {
        var (caseId, code) = await CaseWithEveryDocumentAsync();
        var served = 0;
        foreach (var role in CaseRoles)
        {
            var client = server.As(role);
            foreach (var kind in HongqiFlow.Server.Cases.Documents.Kinds)
            {
                var response = await client.GetAsync($"/api/cases/{caseId}/documents/{kind}");
                var text = await response.Content.ReadAsStringAsync();
                if (kind is "receipt" or "tolerance-notice" or "decision")
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} {kind}: {text}");
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                served++;
                text.Contains(code, StringComparison.Ordinal).ShouldBe(SeesCode(role) && kind == "receipt", $"{role} reading the {kind}");
                text.Contains("查询验证码", StringComparison.Ordinal).ShouldBe(SeesCode(role) && kind == "receipt", $"{role} reading the {kind}");
            }

            foreach (var path in new[] { $"/api/cases/{caseId}", $"/api/cases/{caseId}/history", "/api/cases?limit=500", "/api/worklist" })
            {
                var response = await client.GetAsync(path);
                if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest)
                {
                    continue;
                }

                response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} GET {path}");
                var text = await response.Content.ReadAsStringAsync();
                text.Contains(code, StringComparison.Ordinal).ShouldBe(SeesCode(role) && path == $"/api/cases/{caseId}", $"{role} GET {path}");
            }

            // The answer to an event carries the case as the caller sees it.
            var sent = await client.PostJson($"/api/cases/{caseId}/events", new { @event = "no-such-event" });
            (await sent.Content.ReadAsStringAsync()).ShouldNotContain(code);
        }

        served.ShouldBeGreaterThanOrEqualTo(CaseRoles.Length * 3);
    }

    [Fact]
    public async Task RatingComment_NamingTheApplicant_IsMaskedForDepartmentsAndSupervisors_AsInHistory()
    {
        var window = server.As("window");
        var started = await window.PostJson("/api/cases", new { item = "QYKB-0001", applicant = new { name = "张三丰", phone = "13812345678" }, submitted = Journey.CompleteMaterials });
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var start = await started.Json();
        var caseId = start.GetProperty("caseId").GetString()!;
        var code = start.GetProperty("verificationCode").GetString()!;
        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "withdraw" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var rated = await server.As(null).PostJson($"/api/progress/{caseId}/rating", new { code, level = 1, comment = "我是张三丰，窗口让我白跑一趟，电话 13812345678" });
        rated.StatusCode.ShouldBe(HttpStatusCode.OK, await rated.Content.ReadAsStringAsync());

        const string Masked = "我是张**，窗口让我白跑一趟，电话 138****5678";
        foreach (var role in new[] { "supervisor", "department:market-regulation" })
        {
            var client = server.As(role);
            var view = await (await client.GetAsync($"/api/cases/{caseId}")).Json();
            view.GetProperty("rating").GetProperty("comment").GetString().ShouldBe(Masked, role);
            var history = await (await client.GetAsync($"/api/cases/{caseId}/history")).Json();
            history.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "rate").GetProperty("data").GetProperty("comment").GetString().ShouldBe(Masked, role);
        }

        var tickets = await (await server.As("supervisor").GetAsync("/api/tickets")).Json();
        tickets.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == caseId).GetProperty("comment").GetString().ShouldBe(Masked);
        (await (await window.GetAsync($"/api/cases/{caseId}")).Json()).GetProperty("rating").GetProperty("comment").GetString().ShouldBe("我是张三丰，窗口让我白跑一趟，电话 13812345678");
    }

    [Fact]
    public void ApplicantText_MasksNumbersAndTheApplicantsName_AndLeavesOtherTextAlone()
    {
        HongqiFlow.Server.Cases.ApplicantText.Mask("张三丰 11010519491231002X 13812345678", "张三丰").ShouldBe("张** 110105********002X 138****5678");
        HongqiFlow.Server.Cases.ApplicantText.Mask("张三来过", "张").ShouldBe("张三来过");
        HongqiFlow.Server.Cases.ApplicantText.Mask(null, "张三丰").ShouldBeNull();
        HongqiFlow.Server.Cases.ApplicantText.Mask("无姓名", null).ShouldBe("无姓名");
    }

    private static string? Next(System.Text.Json.JsonElement page) =>
        page.TryGetProperty("next", out var next) && next.ValueKind == System.Text.Json.JsonValueKind.String ? next.GetString() : null;

    [Fact]
    public async Task CaseList_ForADepartment_PagesOverItsOwnCases_AndNeverNamesAnother()
    {
        var window = server.As("window");
        var own = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            own.Add(await Journey.StartAsync(window));
            foreach (var _ in Enumerable.Range(0, 2))
            {
                var other = await window.PostJson("/api/cases", new { item = "JZZ-0801", applicant = new { name = "李四" } });
                other.StatusCode.ShouldBe(HttpStatusCode.Created, await other.Content.ReadAsStringAsync());
            }
        }

        var everyone = new List<string>();
        string? next = null;
        do
        {
            var page = await (await window.GetAsync("/api/cases?limit=500" + (next is null ? "" : "&after=" + next))).Json();
            everyone.AddRange(page.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetString()!));
            next = Next(page);
        }
        while (next is not null);

        var tax = server.As("department:tax");
        var seen = new List<string>();
        next = null;
        var pages = 0;
        do
        {
            var page = await (await tax.GetAsync("/api/cases?limit=1" + (next is null ? "" : "&after=" + next))).Json();
            var ids = page.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetString()!).ToList();
            page.GetProperty("cases").EnumerateArray().ShouldAllBe(c => c.GetProperty("item").GetString() == "QYKB-0001");
            next = Next(page);
            if (next is not null)
            {
                ids.ShouldContain(next, "the cursor names a case of the page");
            }

            seen.AddRange(ids);
            (++pages).ShouldBeLessThan(1000);
        }
        while (next is not null);

        seen.ShouldBe(seen.Distinct().ToList());
        own.ShouldBeSubsetOf(seen);
        everyone.Count.ShouldBeGreaterThan(seen.Count);
    }
}
