using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HongqiFlow.Server.Tests;

public sealed class DefinitionApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task List_ShowsTheCatalogWithPinyin_AndFiltersByInitials()
    {
        var rows = await (await server.As("author").GetAsync("/api/definitions?q=qykb")).Json();
        var row = rows.EnumerateArray().Single();
        row.GetProperty("code").GetString().ShouldBe("QYKB-0001");
        row.GetProperty("name").GetString().ShouldBe("企业开办");
        row.GetProperty("latestVersion").GetInt32().ShouldBe(1);
        row.GetProperty("valid").GetBoolean().ShouldBeTrue();
        row.GetProperty("pinyin").GetString().ShouldBe("QYKB");
        row.GetProperty("lead").GetString().ShouldBe("market-regulation");
        row.GetProperty("kind").GetString().ShouldBe("promised");
    }

    [Fact]
    public async Task Model_NamesBranchesStatesAndDeclaredObligations()
    {
        var author = server.As("author");
        var document = await (await author.GetAsync("/api/definitions/QYKB-0001")).Json();
        var model = document.GetProperty("model");
        var branches = model.GetProperty("branches").EnumerateArray()
            .ToDictionary(b => b.GetProperty("region").GetString()!, b => (Title: b.GetProperty("title").GetString(), Department: b.GetProperty("department").GetString()));
        branches.Keys.Order().ShouldBe(["approval/market", "approval/seal", "approval/social", "approval/tax"]);
        branches["approval/tax"].ShouldBe(("发票与税控", "tax"));
        branches["approval/seal"].ShouldBe(("公章刻制备案", "public-security"));
        model.GetProperty("stateTitles").GetProperty("issuing").GetString().ShouldBe("出证");
        model.GetProperty("stateTitles").GetProperty("approval").GetString().ShouldBe("并联审批");
        model.GetProperty("obligations").GetArrayLength().ShouldBe(0);

        var yaml = document.GetProperty("yaml").GetString()! + "\nobligations:\n  rectify:\n    name: 现场整改\n    within: 15wd\n";
        var validated = await (await author.PostAsJsonAsync("/api/definitions/validate", new { yaml })).Json();
        var declared = validated.GetProperty("model").GetProperty("obligations").EnumerateArray().Single();
        declared.GetProperty("id").GetString().ShouldBe("rectify");
        declared.GetProperty("name").GetString().ShouldBe("现场整改");
    }

    [Fact]
    public async Task Validate_BrokenTarget_ReportsLocatedDiagnostic()
    {
        var author = server.As("author");
        var document = await (await author.GetAsync("/api/definitions/QYKB-0001")).Json();
        document.GetProperty("name").GetString().ShouldBe("企业开办");
        document.GetProperty("graph").GetProperty("nodes").GetArrayLength().ShouldBeGreaterThan(10);
        document.GetProperty("graph").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("kind").GetString()).Distinct().Order().ShouldBe(["Branch", "Final", "Parallel", "State"]);
        var yaml = document.GetProperty("yaml").GetString()!.Replace("onDone: issuing", "onDone: isuing", StringComparison.Ordinal);
        var result = await (await author.PostAsJsonAsync("/api/definitions/validate", new { yaml })).Json();
        var diagnostic = result.GetProperty("diagnostics").EnumerateArray().First(d => d.GetProperty("severity").GetString() == "error");
        diagnostic.GetProperty("code").GetString()!.ShouldStartWith("HQ2");
        diagnostic.GetProperty("line").GetInt32().ShouldBeGreaterThan(0);
        diagnostic.GetProperty("message").GetString()!.ShouldContain("isuing");
        diagnostic.GetProperty("messageZh").GetString().ShouldBe("状态“approval”的“onDone”流向“isuing”，但它不是主流程中的状态");
        diagnostic.GetProperty("fixZh").GetString().ShouldBe("是否应为“issuing”？");
    }

    [Fact]
    public async Task Draft_Publish_Diff_AndConflictingSave()
    {
        var author = server.As("author", "author-1");
        var created = await author.PostAsJsonAsync("/api/definitions", new { code = "TEST-0001", name = "测试事项", template = "parallel" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var document = await created.Json();
        document.GetProperty("revision").GetInt32().ShouldBe(1);
        var taken = await author.PostAsJsonAsync("/api/definitions", new { code = "TEST-0001", name = "x" });
        taken.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await taken.Json()).GetProperty("reason").GetString().ShouldBe("已有代码为“TEST-0001”的事项，请直接打开它");

        var published = await author.PostAsync("/api/definitions/TEST-0001/publish", null);
        published.StatusCode.ShouldBe(HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        (await published.Json()).GetProperty("version").GetInt32().ShouldBe(1);

        var yaml = document.GetProperty("yaml").GetString()!.Replace("version: 1", "version: 2", StringComparison.Ordinal).Replace("promised: 1wd", "promised: 0.5wd", StringComparison.Ordinal);
        var saved = await author.PutAsJsonAsync("/api/definitions/TEST-0001/draft", new { yaml, baseRevision = 1 });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await saved.Json()).GetProperty("revision").GetInt32().ShouldBe(2);

        var stale = await author.PutAsJsonAsync("/api/definitions/TEST-0001/draft", new { yaml, baseRevision = 1 });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Json()).GetProperty("currentRevision").GetInt32().ShouldBe(2);

        var diff = await (await author.GetAsync("/api/definitions/TEST-0001/diff?from=1&to=draft")).Json();
        diff.GetProperty("changes").EnumerateArray().ShouldContain(c => (c.GetProperty("after").GetString() ?? string.Empty).Contains("0.5wd"), diff.GetRawText());
        diff.GetProperty("rules").GetProperty("changed").GetArrayLength().ShouldBeGreaterThan(0, diff.GetRawText());
        diff.GetProperty("states").GetProperty("added").GetArrayLength().ShouldBe(0);
        (await author.PostAsync("/api/definitions/TEST-0001/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Publishing the same version again is refused, in the author's words too: published versions never change.
        var current = (await (await author.GetAsync("/api/definitions/TEST-0001")).Json()).GetProperty("revision").GetInt32();
        (await author.PutAsJsonAsync("/api/definitions/TEST-0001/draft", new { yaml, baseRevision = current })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await author.PostAsync("/api/definitions/TEST-0001/publish", null);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await again.Content.ReadAsStringAsync());
        var notRaised = (await again.Json()).GetProperty("diagnostics").EnumerateArray().Single();
        notRaised.GetProperty("code").GetString().ShouldBe("HQ6503");
        notRaised.GetProperty("messageZh").GetString().ShouldBe("item.version 2 已经发布过，或早于最新发布的第 2 版；已发布的版本不再改变");
        notRaised.GetProperty("fixZh").GetString().ShouldBe("把 item.version 改为 3");
        var versions = await (await author.GetAsync("/api/definitions/TEST-0001/versions")).Json();
        versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ShouldBe([1, 2]);
        versions[1].GetProperty("publishedBy").GetString().ShouldBe("author-1");
        (await author.GetAsync("/api/definitions/TEST-0001/versions/3")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await author.PutAsJsonAsync("/api/definitions/TEST-0001/layout", new { received = new { x = 10, y = 20 } })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await author.GetAsync("/api/definitions/TEST-0001/layout")).Json()).GetProperty("received").GetProperty("x").GetInt32().ShouldBe(10);

        // The designer's own shape is checked: a position that is not two numbers is refused, naming the node.
        var broken = await author.PutAsJsonAsync("/api/definitions/TEST-0001/layout", new { version = 1, positions = new { received = new { x = 1, y = 2 }, issued = new { x = "left", y = 2 } } });
        broken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await broken.Json()).GetProperty("errors").GetProperty("positions.issued")[0].GetString().ShouldBe("{x, y} with numbers");
        (await (await author.GetAsync("/api/definitions/TEST-0001/layout")).Json()).TryGetProperty("positions", out _).ShouldBeFalse("nothing was saved");
        (await author.PutAsJsonAsync("/api/definitions/TEST-0001/layout", new { version = 1, positions = new { received = new { x = 1.5, y = -2 } } })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Publish_InvalidDraft_Answers400WithDiagnostics()
    {
        var author = server.As("author");
        await author.PostAsJsonAsync("/api/definitions", new { code = "TEST-0002", name = "坏事项" });
        var document = await (await author.GetAsync("/api/definitions/TEST-0002")).Json();
        var broken = document.GetProperty("yaml").GetString()!.Replace("to: issued", "to: nowhere", StringComparison.Ordinal);
        (await author.PutAsJsonAsync("/api/definitions/TEST-0002/draft", new { yaml = broken, baseRevision = 1 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await author.PostAsync("/api/definitions/TEST-0002/publish", null);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Json();
        problem.GetProperty("diagnostics").GetArrayLength().ShouldBeGreaterThan(0);
        problem.GetProperty("reason").GetString().ShouldBe("“TEST-0002”的草稿有错误，不能发布：请先修正下列问题");
    }

    [Fact]
    public async Task Simulate_Steps_ReportEachStepsRegions()
    {
        var author = server.As("author");
        var yaml = (await (await author.GetAsync("/api/definitions/QYKB-0001")).Json()).GetProperty("yaml").GetString();
        var response = await author.PostAsJsonAsync("/api/definitions/simulate", new
        {
            yaml,
            clock = "2026-09-29T09:00:00+08:00",
            @case = new { submitted = new[] { "application", "articles", "premises", "shareholder-resolution" } },
            steps = new object[] { new { send = "accept", by = "window" }, new { send = "approve", by = "department:tax", branch = "tax" } },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Json();
        result.GetProperty("ran").GetBoolean().ShouldBeTrue();
        var last = result.GetProperty("steps").EnumerateArray().Last();
        last.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("region").GetString() == "approval/tax").GetProperty("state").GetString().ShouldBe("approved");
        last.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("region").GetString() == "approval/market").GetProperty("state").GetString().ShouldBe("reviewing");
        last.GetProperty("state").GetString().ShouldBe("approval");
    }

    [Fact]
    public async Task Simulate_ASampleThatDoesNotHold_ListsEachFailureInBothLanguages()
    {
        var author = server.As("author");
        var yaml = (await (await author.GetAsync("/api/definitions/QYKB-0001")).Json()).GetProperty("yaml").GetString();
        var sample = """
            sample: 受理后应已办结
            definition: QYKB-0001
            clock: 2026-09-29T09:00:00+08:00
            case:
              applicant: { name: 张三 }
              submitted: [application, articles, premises, shareholder-resolution]
            steps:
              - { send: accept, by: window, expect: { state: issued } }
            """;

        var result = await (await author.PostAsJsonAsync("/api/definitions/simulate", new { yaml, sample })).Json();

        result.GetProperty("ran").GetBoolean().ShouldBeTrue();
        result.GetProperty("passed").GetBoolean().ShouldBeFalse();
        result.GetProperty("failures").EnumerateArray().ShouldHaveSingleItem().GetString().ShouldEndWith("state after step 1\n    expected: issued\n    actual:   approval");
        result.GetProperty("failuresZh").EnumerateArray().ShouldHaveSingleItem().GetString().ShouldEndWith("第 1 步之后的状态\n    期望：issued\n    实际：approval");
    }

    [Fact]
    public async Task Simulate_WithoutACase_HandsInACompleteApplication()
    {
        var author = server.As("author");
        var yaml = (await (await author.GetAsync("/api/definitions/QYKB-0001")).Json()).GetProperty("yaml").GetString();
        var result = await (await author.PostAsJsonAsync("/api/definitions/simulate", new { yaml, steps = new object[] { new { send = "accept", by = "window" } } })).Json();
        var last = result.GetProperty("steps").EnumerateArray().Last();
        last.GetProperty("state").GetString().ShouldBe("approval", result.GetRawText());
        last.TryGetProperty("rejection", out _).ShouldBeFalse();
        last.GetProperty("clock").GetProperty("started").GetBoolean().ShouldBeTrue();
        last.GetProperty("clock").GetProperty("remainingPromisedHours").GetDouble().ShouldBeGreaterThan(0, "0.5wd promised, just accepted");
        last.GetProperty("clock").GetProperty("remainingStatutoryHours").GetDouble().ShouldBeGreaterThan(last.GetProperty("clock").GetProperty("remainingPromisedHours").GetDouble());
    }

    [Fact]
    public async Task Simulate_PastThePromisedLimit_ReportsTheWarningAsTheCaseViewDoes()
    {
        var author = server.As("author");
        var yaml = (await (await author.GetAsync("/api/definitions/QYKB-0001")).Json()).GetProperty("yaml").GetString();
        var result = await (await author.PostAsJsonAsync("/api/definitions/simulate", new
        {
            yaml,
            clock = "2026-11-23T09:00:00+08:00",
            steps = new object[] { new { send = "accept", by = "window" }, new { after = "1wd" } },
        })).Json();
        var last = result.GetProperty("steps").EnumerateArray().Last();
        var red = last.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("scope").GetString() == "case" && w.GetProperty("level").GetString() == "red");
        red.GetProperty("at").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.Parse("2026-11-23T09:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        (red.TryGetProperty("scopeTitle", out var caseTitle) && caseTitle.ValueKind == JsonValueKind.String).ShouldBeFalse("the whole case has no title of its own");
        var market = last.GetProperty("warnings").EnumerateArray().First(w => w.GetProperty("scope").GetString() == "approval/market");
        market.GetProperty("scopeTitle").GetString().ShouldBe("营业执照", "a branch's warning is named as the case view names it");
        last.GetProperty("clock").GetProperty("overduePromised").GetBoolean().ShouldBeTrue();
        last.GetProperty("clock").GetProperty("remainingPromisedHours").GetDouble().ShouldBeLessThan(0);
    }

    [Fact]
    public async Task Simulate_ARefusedStep_SaysCodeAndReasonInBothLanguages()
    {
        var author = server.As("author");
        var yaml = (await (await author.GetAsync("/api/definitions/QYKB-0001")).Json()).GetProperty("yaml").GetString();
        var result = await (await author.PostAsJsonAsync("/api/definitions/simulate", new { yaml, steps = new object[] { new { send = "issue", by = "window" } } })).Json();
        var rejection = result.GetProperty("steps").EnumerateArray().Last().GetProperty("rejection");
        rejection.GetProperty("code").GetString()!.ShouldStartWith("HQ6");
        rejection.GetProperty("reason").GetString()!.ShouldNotBeNullOrWhiteSpace();
        rejection.GetProperty("reason").GetString()!.Any(c => c >= '\u4e00' && c <= '\u9fff').ShouldBeTrue("the reason is Chinese");
        rejection.GetProperty("reasonEnglish").GetString()!.ShouldContain("issue");
    }

    [Fact]
    public async Task Simulate_ARefusedStep_NamesItsCatalogMessage_AndTheValuesThatWriteTheReasonInEachLanguage()
    {
        var author = server.As("author");
        var yaml = (await (await author.GetAsync("/api/definitions/QYKB-0001")).Json()).GetProperty("yaml").GetString();
        var result = await (await author.PostAsJsonAsync("/api/definitions/simulate", new { yaml, steps = new object[] { new { send = "issue", by = "window" } } })).Json();
        var rejection = result.GetProperty("steps").EnumerateArray().Last().GetProperty("rejection");

        var id = rejection.GetProperty("message").GetString()!;
        id.ShouldStartWith(rejection.GetProperty("code").GetString()!);
        var text = HongqiFlow.Messages.MessageCatalog.Default.Messages[id];
        var values = rejection.GetProperty("arguments").EnumerateObject().ToList();
        values.Select(v => v.Name).ShouldContain("event");
        string Fill(string template, string lang) =>
            values.Aggregate(template, (t, v) => t.Replace("{" + v.Name + "}", v.Value.GetProperty(lang).GetString(), StringComparison.Ordinal));
        Fill(text.Chinese, "zh").ShouldBe(rejection.GetProperty("reason").GetString(), "the web app writes the same Chinese from the catalog");
        Fill(text.English, "en").ShouldBe(rejection.GetProperty("reasonEnglish").GetString());
    }

    [Fact]
    public async Task CalendarAdd_CountsWorkingDaysAcrossTheNationalHoliday()
    {
        var response = await server.As("author").GetAsync("/api/calendars/cn-mainland/add?from=2026-09-30T09:00:00%2B08:00&duration=2wd");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var due = (await response.Json()).GetProperty("due").GetDateTimeOffset();
        due.ShouldBeGreaterThan(DateTimeOffset.Parse("2026-10-07T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        (await server.As("author").GetAsync("/api/calendars/cn-mainland/add?duration=5x")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CalendarAdd_WholeWorkingDays_StartOnTheNextWorkingDayAndSayTheRule()
    {
        // Accepted Monday 2024-09-30 16:55, the day is not counted: Tue 10-08, Wed 10-09, Thu 10-10 at close of business.
        var response = await server.As("author").GetAsync("/api/calendars/cn-mainland/add?from=2024-09-30T16:55:00%2B08:00&duration=3wd");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var json = await response.Json();
        json.GetProperty("due").GetDateTimeOffset().ShouldBe(DateTimeOffset.Parse("2024-10-10T17:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        json.GetProperty("rule").GetString().ShouldBe("whole-days");
    }

    [Fact]
    public async Task HealthOpenApiAndReference_AreServedAnonymously()
    {
        var anonymous = server.As(null);
        (await anonymous.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await anonymous.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        var openapi = await (await anonymous.GetAsync("/openapi/v1.json")).Json();
        openapi.GetProperty("paths").TryGetProperty("/api/cases/{id}/events", out _).ShouldBeTrue();
        var page = await (await anonymous.GetAsync("/api-docs")).Content.ReadAsStringAsync();
        page.ShouldContain("openapi/v1.json");
        page.ShouldNotContain("https://");
    }

    [Fact]
    public async Task OversizedBody_Answers413()
    {
        var content = new StringContent(new string('a', 2 * 1024 * 1024), System.Text.Encoding.UTF8, "application/json");
        var response = await server.As("author").PostAsync("/api/definitions/validate", content);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }
}
