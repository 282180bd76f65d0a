using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HongqiFlow.Server.Tests;

public sealed class CaseApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private async Task<string> StartAsync(object? extra = null, string[]? submitted = null)
    {
        var response = await server.As("window").PostJson("/api/cases", new
        {
            item = "QYKB-0001",
            applicant = new { name = "王五", phone = "13900001111" },
            submitted = submitted ?? ["application", "articles", "premises", "shareholder-resolution"],
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Json()).GetProperty("caseId").GetString()!;
    }

    [Fact]
    public async Task Department_NotTakingPart_IsRefusedTheCase_AndSeesNoneOfItsTasks()
    {
        var caseId = await StartAsync();
        var housing = server.As("department:housing");
        var response = await housing.GetAsync($"/api/cases/{caseId}");
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Json()).GetProperty("detail").GetString().ShouldBe($"case '{caseId}' does not involve your department(s) (housing)");
        (await housing.GetAsync($"/api/cases/{caseId}/history")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var list = await (await housing.GetAsync("/api/cases")).Json();
        list.GetProperty("cases").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task History_ForADepartment_MasksTheApplicantsNameInNoticeTexts_TheWindowReadsItWhole()
    {
        var caseId = await StartAsync(submitted: ["application", "articles", "premises"]);
        (await server.As("window").PostJson($"/api/cases/{caseId}/events", new { @event = "accept-tolerated" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        static async Task<string> NoticeBodyAsync(HttpClient client, string id)
        {
            var history = await (await client.GetAsync($"/api/cases/{id}/history")).Json();
            return history.EnumerateArray().First(e => e.GetProperty("type").GetString() == "notification").GetProperty("data").GetProperty("body").GetString()!;
        }

        var whole = await NoticeBodyAsync(server.As("window"), caseId);
        whole.ShouldStartWith("王五：");
        var masked = await NoticeBodyAsync(server.As("department:market-regulation"), caseId);
        masked.ShouldStartWith("王*：");
        masked.ShouldNotContain("王五");
        masked.ShouldBe(whole.Replace("王五", "王*", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_ForTheWindow_ShowsRunningCasesOfAnItem()
    {
        var caseId = await StartAsync();
        var list = await (await server.As("window").GetAsync("/api/cases?item=QYKB-0001&status=running")).Json();
        list.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetString()).ShouldContain(caseId);
    }

    [Fact]
    public async Task SendEvent_RepeatedIdempotencyKey_RecordsOnce()
    {
        var caseId = await StartAsync();
        var window = server.As("window");
        var first = await (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept" }, "same-key")).Json();
        var second = await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept" }, "same-key");
        second.StatusCode.ShouldBe(HttpStatusCode.OK, await second.Content.ReadAsStringAsync());
        var repeat = await second.Json();
        repeat.GetProperty("repeat").GetBoolean().ShouldBeTrue();
        repeat.GetProperty("version").GetInt64().ShouldBe(first.GetProperty("version").GetInt64());
        var history = await (await window.GetAsync($"/api/cases/{caseId}/history")).Json();
        history.EnumerateArray().Count(e => e.GetProperty("type").GetString() == "accept").ShouldBe(1);
    }

    [Fact]
    public async Task SendEvent_NotPermitted_Answers409WithCodeReasonAndPermitted()
    {
        var caseId = await StartAsync();
        var response = await server.As("window").PostJson($"/api/cases/{caseId}/events", new { @event = "issue" });
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.Json();
        problem.GetProperty("code").GetString()!.ShouldStartWith("HQ6");
        problem.GetProperty("reason").GetString().ShouldNotBeNullOrEmpty();
        problem.GetProperty("permitted").EnumerateArray().Select(p => p.GetProperty("event").GetString()).ShouldContain("accept");
    }

    [Fact]
    public async Task SendEvent_EngineOnlyEvent_IsAFieldError()
    {
        var caseId = await StartAsync();
        var response = await server.As("window").PostJson($"/api/cases/{caseId}/events", new { @event = "timer", channel = "fax" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Json()).GetProperty("errors");
        errors.GetProperty("event")[0].GetString().ShouldBe("'timer' is sent by the engine itself, never through the API");
        errors.GetProperty("channel")[0].GetString().ShouldBe("unknown channel 'fax': use window, online or assisted");
    }

    [Fact]
    public async Task Documents_OfAKindTheCaseLacks_Answer409_AndUnknownKind404()
    {
        var caseId = await StartAsync();
        var window = server.As("window");
        (await window.GetAsync($"/api/cases/{caseId}/documents/receipt")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await window.GetAsync($"/api/cases/{caseId}/documents/decision")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await window.GetAsync($"/api/cases/{caseId}/documents/licence")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept" });
        var html = await (await window.GetAsync($"/api/cases/{caseId}/documents/receipt")).Content.ReadAsStringAsync();
        html.ShouldContain("@media print");
        html.ShouldContain("王*");
        html.ShouldNotContain("王五");

        // The limits in words with the date they fall on (QYKB-0001: promised 0.5wd, statutory 8.5wd), never the DSL's "0.5wd".
        var accepted = System.Text.RegularExpressions.Regex.Match(html, @"已于 (\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d) 受理");
        accepted.Success.ShouldBeTrue(html);
        var promised = System.Text.RegularExpressions.Regex.Match(html, @"承诺办结时限</th><td>0\.5 个工作日（(\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d) 前）</td>");
        promised.Success.ShouldBeTrue(html);
        html.ShouldMatch(@"法定办结时限</th><td>8\.5 个工作日（\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 前）</td>");
        html.ShouldNotContain("0.5wd");
        static DateTime Read(string text) => DateTime.ParseExact(text, "yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        (Read(promised.Groups[1].Value) - Read(accepted.Groups[1].Value)).ShouldBeGreaterThan(TimeSpan.FromHours(3.4), "half a working day later, at least");
    }

    [Fact]
    public async Task Worklist_FiltersByWarningAndPages()
    {
        var caseId = await StartAsync();
        await server.As("window").PostJson($"/api/cases/{caseId}/events", new { @event = "accept" });
        var market = server.As("department:market-regulation");
        var page = await (await market.GetAsync("/api/worklist?warning=none&pageSize=1")).Json();
        page.GetProperty("pageSize").GetInt32().ShouldBe(1);
        page.GetProperty("tasks").GetArrayLength().ShouldBe(1);
        page.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        var task = page.GetProperty("tasks")[0];
        task.GetProperty("department").GetString().ShouldBe("market-regulation");
        task.GetProperty("permitted").EnumerateArray().Select(p => p.GetProperty("event").GetString()).Order().ShouldBe(["approve", "reject"]);
        (await market.GetAsync("/api/worklist?warning=blue")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await server.As("admin").GetAsync("/api/worklist")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await server.As("admin").GetAsync("/api/worklist?department=market-regulation")).Json()).GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Worklist_ByPartOfAReceipt_FindsThatCaseAlone()
    {
        var caseId = await StartAsync();
        await server.As("window").PostJson($"/api/cases/{caseId}/events", new { @event = "accept" });
        var other = await StartAsync();
        await server.As("window").PostJson($"/api/cases/{other}/events", new { @event = "accept" });
        var receipt = (await (await server.As("window").GetAsync($"/api/cases/{caseId}")).Json()).GetProperty("receipt").GetString()!;
        var market = server.As("department:market-regulation");

        var found = await (await market.GetAsync($"/api/worklist?receipt={receipt[^6..].ToLowerInvariant()}")).Json();

        found.GetProperty("total").GetInt32().ShouldBe(1);
        found.GetProperty("tasks")[0].GetProperty("caseId").GetString().ShouldBe(caseId);
        (await (await market.GetAsync("/api/worklist?receipt=no-such-receipt")).Json()).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Tickets_RectifyWithoutNote_IsAFieldError_AndUnknownCase404()
    {
        var supervisor = server.As("supervisor");
        (await supervisor.PostAsJsonAsync("/api/tickets/nope/rectify", new { note = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await supervisor.PostAsJsonAsync("/api/tickets/nope/rectify", new { note = "done" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await supervisor.GetAsync("/api/tickets?open=true")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Progress_Timeline_SaysWhenTheCaseWasAccepted()
    {
        var (caseId, code) = await Journey.StartWithCodeAsync(server.As("window"), submitted: ["application", "articles", "premises"]);
        (await server.As("window").PostJson($"/api/cases/{caseId}/events", new { @event = "accept-tolerated" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var progress = await (await server.As(null).GetAsync($"/api/progress/{caseId}?code={code}")).Json();

        progress.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("what").GetString()).ShouldBe(["已收件", "已受理 · 并联审批", "容缺受理"]);
    }

    [Fact]
    public async Task FreeText_OverItsLimit_IsRefusedWithTheFieldNamed_AndNothingIsWritten()
    {
        var start = await (await server.As("window").PostJson("/api/cases", new { item = "QYKB-0001", applicant = new { name = "孙七" } })).Json();
        var caseId = start.GetProperty("caseId").GetString()!;
        var code = start.GetProperty("verificationCode").GetString()!;
        var before = (await (await server.As("window").GetAsync($"/api/cases/{caseId}/history")).Json()).GetArrayLength();

        var rating = await server.As(null).PostAsJsonAsync($"/api/progress/{caseId}/rating", new { code, level = 1, comment = new string('差', 2001) });
        rating.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await rating.Json();
        problem.GetProperty("errors").GetProperty("comment")[0].GetString().ShouldBe("at most 2000 characters; this one has 2001");
        problem.GetProperty("reason").GetString().ShouldBe("评价意见最多 2000 字，现有 2001 字");

        var send = await server.As("window").PostJson($"/api/cases/{caseId}/events", new { @event = "notify-missing", payload = new { reason = new string('x', 17_000) } });
        send.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await send.Json()).GetProperty("errors").GetProperty("payload")[0].GetString()!.ShouldStartWith("at most 16384 characters of JSON; this one has ");

        var note = await server.As("supervisor").PostJson($"/api/tickets/{caseId}/rectify", new { note = new string('改', 2001) });
        note.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await note.Json()).GetProperty("reason").GetString().ShouldBe("说明最多 2000 字，现有 2001 字");

        (await (await server.As("window").GetAsync($"/api/cases/{caseId}/history")).Json()).GetArrayLength().ShouldBe(before, "nothing was written");
    }

    [Fact]
    public async Task Progress_WhileThePromisedTimeRuns_SaysWhenItEnds_AsTheReceiptDoes()
    {
        var start = await (await server.As("window").PostJson("/api/cases", new { item = "QYKB-0001", applicant = new { name = "周八" }, submitted = new[] { "application", "articles", "premises", "shareholder-resolution" } })).Json();
        var caseId = start.GetProperty("caseId").GetString()!;
        var code = start.GetProperty("verificationCode").GetString()!;
        var before = await (await server.As(null).GetAsync($"/api/progress/{caseId}?code={code}")).Json();
        (before.TryGetProperty("promisedBy", out var early) && early.ValueKind != JsonValueKind.Null).ShouldBeFalse("not accepted yet");

        (await server.As("window").PostJson($"/api/cases/{caseId}/events", new { @event = "accept" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var progress = await (await server.As(null).GetAsync($"/api/progress/{caseId}?code={code}")).Json();
        var html = await (await server.As("window").GetAsync($"/api/cases/{caseId}/documents/receipt")).Content.ReadAsStringAsync();

        var printed = System.Text.RegularExpressions.Regex.Match(html, @"承诺办结时限</th><td>0\.5 个工作日（(\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d) 前）");
        printed.Success.ShouldBeTrue(html);
        var receiptSays = new DateTimeOffset(DateTime.ParseExact(printed.Groups[1].Value, "yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(8));
        (progress.GetProperty("promisedBy").GetDateTimeOffset() - receiptSays).Duration().ShouldBeLessThan(TimeSpan.FromMinutes(1));
        progress.GetProperty("overduePromised").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Progress_Rating_BeforeTheEnd_IsRefused()
    {
        var start = await (await server.As("window").PostJson("/api/cases", new { item = "QYKB-0001", applicant = new { name = "赵六" } })).Json();
        var caseId = start.GetProperty("caseId").GetString()!;
        var code = start.GetProperty("verificationCode").GetString()!;
        var anonymous = server.As(null);
        (await anonymous.PostAsJsonAsync($"/api/progress/{caseId}/rating", new { code, level = 9 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await anonymous.PostAsJsonAsync($"/api/progress/{caseId}/rating", new { code, level = 5 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var progress = await (await anonymous.GetAsync($"/api/progress/{caseId}?code={code}")).Json();
        progress.GetProperty("canRate").GetBoolean().ShouldBeFalse();
        progress.GetProperty("where")[0].GetProperty("title").GetString().ShouldBe("收件");
    }
}
