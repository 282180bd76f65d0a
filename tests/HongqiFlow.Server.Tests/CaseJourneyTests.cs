using System.Net;
using System.Text.Json;

namespace HongqiFlow.Server.Tests;

/// <summary>企业开办 from intake through the three departments to issue, rating, ticket and metrics, through the API.</summary>
public sealed class CaseJourneyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public Task Journey_EnterpriseEstablishment_IntakeToRatingAndMetrics() => Journey.RunAsync((role, user) => server.As(role, user), "journey-start");

    [Fact]
    public async Task StartCase_BadBody_AnswersProblemWithFieldErrors()
    {
        var response = await server.As("window").PostJson("/api/cases", new { applicant = new { name = "", idNumber = "110105194912310021" } });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.Json()).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["applicant.idNumber", "applicant.name", "item"]);
    }

    [Fact]
    public async Task GetCase_Unknown_Answers404WithReason()
    {
        var response = await server.As("window").GetAsync("/api/cases/nope");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = await response.Json();
        problem.GetProperty("detail").GetString().ShouldBe("no case 'nope'");
        problem.GetProperty("reason").GetString().ShouldBe("没有受理编号或编号为“nope”的办件", "the window shows the reason to the clerk");
    }

    [Fact]
    public async Task Document_NotYetThere_SaysWhyInChinese()
    {
        var window = server.As("window");
        var start = await (await window.PostJson("/api/cases", new { item = "QYKB-0001", applicant = new { name = "王五" }, submitted = new[] { "application" } })).Json();
        var caseId = start.GetProperty("caseId").GetString()!;

        var response = await window.GetAsync($"/api/cases/{caseId}/documents/receipt");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Json()).GetProperty("reason").GetString().ShouldBe("办件尚未受理，还没有受理回执");
        (await (await window.GetAsync($"/api/cases/{caseId}/documents/nothing")).Json()).GetProperty("reason").GetString().ShouldBe("没有文书“nothing”");
    }

    [Fact]
    public async Task OneTimeNotice_ListsEveryMissingMaterial()
    {
        var window = server.As("window");
        var start = await (await window.PostJson("/api/cases", new { item = "QYKB-0001", applicant = new { name = "李四" }, submitted = new[] { "application" } })).Json();
        var caseId = start.GetProperty("caseId").GetString()!;
        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "notify-missing" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await (await window.GetAsync($"/api/cases/{caseId}/documents/one-time-notice")).Content.ReadAsStringAsync();
        foreach (var material in new[] { "articles", "premises", "shareholder-resolution" })
        {
            html.ShouldContain($"data-material=\"{material}\"");
        }

        html.ShouldNotContain("data-material=\"legal-rep-id\"");
        // The state's 30-day timer says until when, and what follows (不予受理); the notice is dated.
        html.ShouldMatch(@"请于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前一次补齐上述全部材料后再次提交；逾期未补齐的，按“不予受理”办理。");
        html.ShouldMatch(@"政务服务中心（盖章）<br><span class=""date"">\d{4}年\d{1,2}月\d{1,2}日</span>");

        // The applicant's progress page asks for the same materials, by name, with the same deadline.
        var code = start.GetProperty("verificationCode").GetString()!;
        var notice = (await (await server.As(null).GetAsync($"/api/progress/{caseId}?code={code}")).Json()).GetProperty("notice");
        notice.GetProperty("materials").EnumerateArray().Select(m => m.GetString()).ShouldBe(["公司章程", "住所（经营场所）使用证明", "股东会决议"]);
        notice.GetProperty("then").GetString().ShouldBe("不予受理");
        var due = notice.GetProperty("due").GetDateTimeOffset();
        html.ShouldContain($"请于 {due.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture)} 前");
    }
}
