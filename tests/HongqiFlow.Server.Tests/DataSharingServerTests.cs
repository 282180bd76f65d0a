using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// 数据共享 end to end through the server: a 职工参保登记 case (SBDJ-0201, whose 智能比对 step fetches the ID card and
/// the social-insurance record) is started and accepted over the API; the background outbox asks the configured
/// connector, records the answers as the system, and the case registers by itself (秒批) — or, when the source fails
/// after its retries, records data-refused with the reason and waits for a clerk.
/// </summary>
public sealed class DataSharingServerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Case_HttpSourcesAnswer_DataSharedIsRecordedByTheSystemAndTheCaseRegisters()
    {
        await using var sources = await LoopbackDataSource.StartAsync();
        sources.Answer = (path, body, _) => Task.FromResult(path.EndsWith("/id-card", StringComparison.Ordinal)
            ? Results.Json(new { match = body.GetProperty("applicant").GetProperty("idNumber").GetString() == Journey.IdNumber })
            : Results.Json(new { active = false }));
        using var server = new ServerFixture { Settings = HttpSettings(sources.BaseUrl) };

        var (caseId, state) = await StartAndAwaitAsync(server, "registered");

        state.ShouldBe("registered");
        var history = await HistoryAsync(server, caseId);
        var shared = history.Where(e => e.GetProperty("type").GetString() == "data-shared").ToList();
        shared.Select(e => e.GetProperty("data").GetProperty("source").GetString()).ShouldBe(["population.id-card", "hr.social-insurance"], ignoreOrder: true);
        shared.ShouldAllBe(e => e.GetProperty("role").GetString() == "system");
        history.Select(e => e.GetProperty("type").GetString()).ShouldContain("auto-register");
        sources.Requests.Select(r => r.Path).ShouldBe(["/population/id-card", "/hr/social-insurance"], ignoreOrder: true);
    }

    [Fact]
    public async Task Case_SourceAnswersWithAnECertificate_TheCertificateIsRecordedForTheSharedMaterial()
    {
        // 居民身份证电子证照 (type 11100000000013127D001, defined by 公安部) returned by the population source.
        const string type = "11100000000013127D001";
        var identifier = $"1.2.156.3005.2.{type}.111101050000000004.A1.001.{HongqiFlow.Runtime.CertificateIdentifier.CheckCharacter(type + "111101050000000004A1001")}";
        await using var sources = await LoopbackDataSource.StartAsync();
        sources.Answer = (path, body, _) => Task.FromResult(path.EndsWith("/id-card", StringComparison.Ordinal)
            ? Results.Json(new { match = true, certificate = new { type, name = "居民身份证", identifier, issuer = "北京市公安局西城分局", trust = "signed" } })
            : Results.Json(new { active = false }));
        using var server = new ServerFixture { Settings = HttpSettings(sources.BaseUrl) };

        var (caseId, _) = await StartAndAwaitAsync(server, "registered");

        var certificate = (await HistoryAsync(server, caseId)).Single(e => e.GetProperty("type").GetString() == "certificate");
        certificate.GetProperty("role").GetString().ShouldBe("system");
        certificate.GetProperty("data").GetProperty("source").GetString().ShouldBe("population.id-card");
        certificate.GetProperty("data").GetProperty("material").GetString().ShouldBe("employee-id");
        var view = await (await server.As("window").GetAsync($"/api/cases/{caseId}")).Json();
        view.GetProperty("materials").GetProperty("certificates").EnumerateArray().Single().GetProperty("trust").GetString().ShouldBe("signed");
    }

    [Fact]
    public async Task Case_SourceAnswers500_IsTriedAgainThenDataRefusedIsRecordedWithTheReason()
    {
        await using var sources = await LoopbackDataSource.StartAsync();
        sources.Answer = (path, _, _) => Task.FromResult(path.EndsWith("/id-card", StringComparison.Ordinal)
            ? Results.StatusCode(500)
            : Results.Json(new { active = false }));
        using var server = new ServerFixture { Settings = HttpSettings(sources.BaseUrl) };

        var (caseId, _) = await StartAndAwaitAsync(server, null, history => history.Any(e => e.GetProperty("type").GetString() == "data-refused")
            && history.Any(e => e.GetProperty("type").GetString() == "data-shared"));

        var history = await HistoryAsync(server, caseId);
        var refused = history.Single(e => e.GetProperty("type").GetString() == "data-refused");
        refused.GetProperty("data").GetProperty("source").GetString().ShouldBe("population.id-card");
        refused.GetProperty("data").GetProperty("reason").GetString().ShouldBe("数据源“population.id-card”共享接口不可用（3 次尝试，最后一次：HTTP 500）。");
        sources.Requests.Count(r => r.Path == "/population/id-card").ShouldBe(3);
        history.ShouldContain(e => e.GetProperty("type").GetString() == "data-shared");
        var now = await (await server.As("window").GetAsync($"/api/cases/{caseId}")).Json();
        now.GetProperty("mainState").GetString().ShouldBe("checking");
    }

    [Fact]
    public async Task Case_DemoConnector_AnswersFromTheSeededRecordsAndTheCaseRegisters()
    {
        using var server = new ServerFixture { Settings = new Dictionary<string, string?> { ["Hongqi:DataSharing:Connector"] = "demo" } };

        var (_, state) = await StartAndAwaitAsync(server, "registered");

        state.ShouldBe("registered");
    }

    [Theory]
    [InlineData("data-shared")]
    [InlineData("data-refused")]
    public async Task Api_AnswerSentByAClerk_Is400NamingTheEngineAsItsSender(string @event)
    {
        using var server = new ServerFixture { Settings = new Dictionary<string, string?> { ["Hongqi:DataSharing:Connector"] = "none" } };
        var window = server.As("window", "clerk-1");
        var started = await window.PostJson("/api/cases", new { item = "SBDJ-0201", applicant = new { name = "李四" }, submitted = new[] { "application", "labour-contract" } });
        var caseId = (await started.Json()).GetProperty("caseId").GetString()!;

        var sent = await window.PostJson($"/api/cases/{caseId}/events", new { @event, payload = new { source = "population.id-card", reason = "x" } });

        sent.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await sent.Content.ReadAsStringAsync()).ShouldContain($"'{@event}' is sent by the engine itself, never through the API");
    }

    [Fact]
    public void Server_UnknownConnectorOrRelativeBaseUrl_RefusesToStartNamingTheSetting()
    {
        using var unknown = new ServerFixture { Settings = new Dictionary<string, string?> { ["Hongqi:DataSharing:Connector"] = "ftp" } };
        Should.Throw<InvalidOperationException>(() => unknown.CreateClient()).Message.ShouldContain("Hongqi:DataSharing:Connector is 'ftp'");

        using var relative = new ServerFixture { Settings = new Dictionary<string, string?> { ["Hongqi:DataSharing:Sources:tax.income:BaseUrl"] = "exchange/tax" } };
        Should.Throw<InvalidOperationException>(() => relative.CreateClient()).Message.ShouldContain("Hongqi:DataSharing:Sources:tax.income:BaseUrl must be an absolute http(s) URL");
    }

    [Fact]
    public void Connector_Unset_IsTheDemoOneWithDemoDataHttpWithSourcesElseNone()
    {
        new DataSharing.DataSharingOptions().Effective(demo: true).ShouldBe("demo");
        new DataSharing.DataSharingOptions().Effective(demo: false).ShouldBe("none");
        new DataSharing.DataSharingOptions { Sources = { ["tax.income"] = new() { BaseUrl = new Uri("https://exchange.example/") } } }.Effective(demo: true).ShouldBe("http");
        new DataSharing.DataSharingOptions { Connector = "None" }.Effective(demo: true).ShouldBe("none");
    }

    private static Dictionary<string, string?> HttpSettings(Uri baseUrl) => new()
    {
        ["Hongqi:DataSharing:Connector"] = "http",
        ["Hongqi:DataSharing:Timeout"] = "00:00:05",
        ["Hongqi:DataSharing:RetryDelay"] = "00:00:00.05",
        ["Hongqi:DataSharing:Sources:population.id-card:BaseUrl"] = baseUrl.ToString(),
        ["Hongqi:DataSharing:Sources:population.id-card:Path"] = "population/id-card",
        ["Hongqi:DataSharing:Sources:hr.social-insurance:BaseUrl"] = baseUrl.ToString(),
        ["Hongqi:DataSharing:Sources:hr.social-insurance:Path"] = "hr/social-insurance",
    };

    /// <summary>Starts and accepts a SBDJ-0201 case, then waits until its main state is <paramref name="state"/> or <paramref name="until"/> holds.</summary>
    private static async Task<(string CaseId, string State)> StartAndAwaitAsync(ServerFixture server, string? state, Func<IReadOnlyList<JsonElement>, bool>? until = null)
    {
        var window = server.As("window", "clerk-1");
        var started = await window.PostJson("/api/cases", new
        {
            item = "SBDJ-0201",
            applicant = new { name = "李四", idNumber = Journey.IdNumber },
            submitted = new[] { "application", "labour-contract" },
        });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var caseId = (await started.Json()).GetProperty("caseId").GetString()!;
        var accepted = await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept" });
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        (await accepted.Json()).GetProperty("case").GetProperty("mainState").GetString().ShouldBe("checking");

        var deadline = DateTimeOffset.UtcNow + Patience;
        string now;
        do
        {
            await Task.Delay(200);
            now = (await (await window.GetAsync($"/api/cases/{caseId}")).Json()).GetProperty("mainState").GetString()!;
            if (now == state || (until is not null && until(await HistoryAsync(server, caseId))))
            {
                return (caseId, now);
            }
        }
        while (DateTimeOffset.UtcNow < deadline);

        throw new ShouldAssertException($"case {caseId} still in {now} after {Patience.TotalSeconds} s: {string.Join(", ", (await HistoryAsync(server, caseId)).Select(e => e.GetProperty("type").GetString()))}");
    }

    private static async Task<IReadOnlyList<JsonElement>> HistoryAsync(ServerFixture server, string caseId) =>
        [.. (await (await server.As("window").GetAsync($"/api/cases/{caseId}/history")).Json()).EnumerateArray()];
}
