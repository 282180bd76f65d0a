using System.Net;
using HongqiFlow.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Tests;

/// <summary>Idempotency keys over HTTP (a reused key is 422 naming it) and many writers on one case (never a 5xx).</summary>
public sealed class IdempotencyAndConcurrencyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static object Application(string name, string? idNumber = null) =>
        new { item = "QYKB-0001", applicant = new { name, idNumber, phone = "13812345678" }, submitted = Journey.CompleteMaterials };

    [Fact]
    public async Task Start_SameKeySameBody_IsTheFirstCase_AnotherBody_Is422NamingTheKey()
    {
        var key = "intake-" + Guid.NewGuid().ToString("N");
        var first = await server.As("window", "clerk-1").PostJson("/api/cases", Application("张三丰", Journey.IdNumber), key);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var caseId = (await first.Json()).GetProperty("caseId").GetString();

        var retry = await server.As("window", "clerk-2").PostJson("/api/cases", Application("张三丰", Journey.IdNumber), key);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await retry.Json()).GetProperty("caseId").GetString().ShouldBe(caseId);
        (await retry.Json()).GetProperty("repeat").GetBoolean().ShouldBeTrue();

        var other = await server.As("window", "clerk-2").PostJson("/api/cases", Application("李四"), key);
        var text = await other.Content.ReadAsStringAsync();
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, text);
        other.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await other.Json()).GetProperty("key").GetString().ShouldBe(key);
        text.ShouldNotContain(Journey.IdNumber);
        text.ShouldNotContain("张三丰");
    }

    [Fact]
    public async Task Event_ReusingTheStartKey_IsSentAsItself_AndAReusedEventKey_Is422()
    {
        var key = "k-" + Guid.NewGuid().ToString("N");
        var window = server.As("window");
        var started = await window.PostJson("/api/cases", Application("王五"), key);
        var caseId = (await started.Json()).GetProperty("caseId").GetString()!;

        var accepted = await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept" }, key);
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var answer = await accepted.Json();
        answer.GetProperty("repeat").GetBoolean().ShouldBeFalse();
        answer.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldContain("accept");

        var reused = await window.PostJson($"/api/cases/{caseId}/events", new { @event = "supplement", payload = new { materials = new[] { "premises" } } }, key);
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await reused.Content.ReadAsStringAsync());
        (await reused.Json()).GetProperty("key").GetString().ShouldBe(key);
    }

    [Fact]
    public async Task SixteenWriters_OnOneCase_GetNo5xx() => await SixteenWritersAsync(server.As);

    [Fact]
    public async Task SixteenWriters_OnOneCase_GetNo5xx_EvenWithoutRetries()
    {
        // No second decision after a lost version check: every race between two writers of this node would be a failure.
        using var own = new ServerFixture();
        using var strict = own.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton(new CaseServiceOptions { MaxConcurrencyRetries = 0 })));
        await SixteenWritersAsync((role, user) =>
        {
            var client = strict.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ServerFixture.Token(role!, user));
            return client;
        });
    }

    [Fact]
    public async Task Writers_OnABusyCase_PastTheWait_Get503WithRetryAfter_NeverA500()
    {
        using var own = new ServerFixture();
        using var impatient = own.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton(new CaseServiceOptions { CaseBusyWait = TimeSpan.Zero })));
        HttpClient Client(string user)
        {
            var client = impatient.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ServerFixture.Token("window", user));
            return client;
        }

        // Sixteen writers at once on a fresh case, in rounds until two of them met at the gate (on a loaded machine one
        // round may happen to run one after another, and a faster decision makes meetings rarer): every answer is 200,
        // 409 or 503, never a 5xx of another kind.
        var busy = new List<(HttpStatusCode StatusCode, TimeSpan? RetryAfter, string Body, string CaseId)>();
        for (var round = 0; round < 60 && busy.Count == 0; round++)
        {
            var caseId = await Journey.StartAsync(Client("clerk"));
            var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
            {
                using var response = await Client($"clerk-{i}").PostJson($"/api/cases/{caseId}/events", new { @event = "accept" }, $"busy-{round}-{i}");
                return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, Body: await response.Content.ReadAsStringAsync(), CaseId: caseId);
            }));

            answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK || a.StatusCode == HttpStatusCode.Conflict || a.StatusCode == HttpStatusCode.ServiceUnavailable);
            busy.AddRange(answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable));
        }

        busy.ShouldNotBeEmpty();
        busy.ShouldAllBe(a => a.RetryAfter == TimeSpan.FromSeconds(1) && a.Body.Contains("\"caseId\":\"" + a.CaseId + "\""));
    }

    [Fact]
    public async Task Rating_Again_TheSameIsTheFirstAnswer_AnotherIs409()
    {
        var (caseId, code) = await Journey.StartWithCodeAsync(server.As("window"));
        (await server.As("window").PostJson($"/api/cases/{caseId}/events", new { @event = "withdraw" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var applicant = server.As(null);
        (await applicant.PostJson($"/api/progress/{caseId}/rating", new { code, level = 4 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await applicant.PostJson($"/api/progress/{caseId}/rating", new { code, level = 4 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var other = await applicant.PostJson($"/api/progress/{caseId}/rating", new { code, level = 1 });
        other.StatusCode.ShouldBe(HttpStatusCode.Conflict, await other.Content.ReadAsStringAsync());
        (await (await server.As("window").GetAsync($"/api/cases/{caseId}")).Json()).GetProperty("rating").GetProperty("level").GetInt32().ShouldBe(4);
    }

    private static async Task SixteenWritersAsync(Func<string?, string, HttpClient> clients)
    {
        var window = clients("window", "clerk");
        var caseId = await Journey.StartAsync(window);
        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Sixteen clients of the lead department (who may pause the clock) at once pause and resume it: each command is
        // decided on the version it read, so without serialising they keep invalidating each other's version check.
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var writers = Enumerable.Range(0, 16).Select(async i =>
        {
            var client = clients("department:market-regulation", $"officer-{i}");
            for (var round = 0; round < 6; round++)
            {
                object body = round % 2 == 0 ? new { @event = "procedure-start", payload = new { procedure = "name-verification" } } : new { @event = "procedure-end" };
                using var response = await client.PostJson($"/api/cases/{caseId}/events", body, $"w{i}-r{round}");
                statuses.Add(response.StatusCode);
            }
        });
        await Task.WhenAll(writers);

        statuses.Count.ShouldBe(16 * 6);
        statuses.Where(s => (int)s >= 500).ShouldBeEmpty();
        statuses.ShouldContain(HttpStatusCode.OK);
        var history = await (await window.GetAsync($"/api/cases/{caseId}/history")).Json();
        history.GetArrayLength().ShouldBeGreaterThan(3);
    }
}
