using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Tests;

/// <summary>Indicators computed from the histories of four cases started through the API (a fresh store).</summary>
public sealed class MetricsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Metrics_FromFourCases_GiveTheExactShares()
    {
        var window = server.As("window");
        var atWindow = await Journey.StartAsync(window);
        (await window.PostJson($"/api/cases/{atWindow}/events", new { @event = "accept" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Journey.StartAsync(window, "online");
        await Journey.StartAsync(window, "assisted", assisted: true);
        var incomplete = await Journey.StartAsync(window, submitted: ["application"]);
        (await window.PostJson($"/api/cases/{incomplete}/events", new { @event = "notify-missing" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var supervisor = server.As("supervisor");
        var metrics = await (await supervisor.GetAsync("/api/metrics")).Json();
        var overall = metrics.GetProperty("overall");
        overall.GetProperty("cases").GetInt32().ShouldBe(4);
        overall.GetProperty("finished").GetInt32().ShouldBe(0);
        overall.GetProperty("onlineShare").GetDouble().ShouldBe(0.25);
        overall.GetProperty("assistedShare").GetDouble().ShouldBe(0.25);
        overall.GetProperty("secondSubmissionRate").GetDouble().ShouldBe(0.25);
        overall.GetProperty("oneTimeNoticeCompleteness").GetDouble().ShouldBe(1);
        overall.GetProperty("visitsPerCase").GetDouble().ShouldBe(0.5);
        overall.GetProperty("instantShare").GetDouble().ShouldBe(0);
        overall.GetProperty("automaticApprovalShare").GetDouble().ShouldBe(0);
        overall.GetProperty("ratings").GetInt32().ShouldBe(0);
        overall.TryGetProperty("goodRatingRate", out _).ShouldBeFalse();
        overall.TryGetProperty("averageProcessingWorkingDays", out _).ShouldBeFalse();
        var model = (await (await supervisor.GetAsync("/api/definitions/QYKB-0001")).Json()).GetProperty("model");
        var departments = model.GetProperty("departments").EnumerateArray().Select(d => d.GetString()!).Append(model.GetProperty("lead").GetString()!).Distinct().Order();
        metrics.GetProperty("byDepartment").EnumerateObject().Select(p => p.Name).Order().ShouldBe(departments);
        metrics.GetProperty("byDepartment").GetProperty("tax").GetProperty("cases").GetInt32().ShouldBe(4);

        var future = await (await supervisor.GetAsync("/api/metrics?from=2099-01-01T00:00:00Z&to=2099-02-01T00:00:00Z")).Json();
        future.GetProperty("overall").GetProperty("cases").GetInt32().ShouldBe(0);
        (await supervisor.GetAsync("/api/metrics?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await supervisor.GetAsync("/api/metrics?format=xml")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

/// <summary>
/// The warnings list over demonstration cases: red before yellow among running cases, departments and state titles
/// named. The store is filled first and the server started on it afterwards, as <c>hongqi demo</c> then
/// <c>hongqi serve</c> do, so the server's scheduler never sees the simulated weeks half made.
/// </summary>
public sealed class WarningsApiTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-warnings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<ServerFixture> DemoServerAsync()
    {
        var services = new ServiceCollection();
        ServerServices.Add(services, new ServerOptions { Data = _folder, Definitions = Repository.Path("definitions"), SupervisionWarmUp = false });
        await using (var provider = services.BuildServiceProvider())
        {
            await Hosting.HongqiStartupExtensions.OpenHongqiFlowAsync(provider);
            await new Hosting.Demo.DemoSeeder(provider.GetRequiredService<Storage.ICaseStore>(), provider.GetRequiredService<Hosting.DefinitionRegistry>())
                .SeedAsync(new Hosting.Demo.DemoOptions { Cases = 60, End = DateTimeOffset.UtcNow });
        }

        return new ServerFixture { DataFolder = _folder };
    }

    [Fact]
    public async Task Warnings_OfDemoCases_NameTheDepartmentAndTheStateTitle()
    {
        using var server = await DemoServerAsync();
        var response = await server.As("supervisor").GetAsync("/api/supervision/warnings?status=all");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var warned = (await response.Json()).EnumerateArray().ToList();
        warned.ShouldNotBeEmpty("sixty demonstration cases include late steps");
        var titles = new Dictionary<string, string> { ["issued"] = "已办结", ["rejected"] = "不予许可", ["terminated"] = "终止", ["approval"] = "并联审批", ["issuing"] = "出证" };
        foreach (var row in warned.Where(w => w.GetProperty("item").GetString() == "QYKB-0001"))
        {
            var state = row.GetProperty("mainState").GetString()!;
            if (titles.TryGetValue(state, out var title))
            {
                row.GetProperty("mainStateTitle").GetString().ShouldBe(title, row.GetRawText());
            }
        }

        warned.ShouldAllBe(w => !string.IsNullOrEmpty(w.GetProperty("mainStateTitle").GetString()));
        var branchTitles = new Dictionary<string, string> { ["approval/market"] = "营业执照", ["approval/tax"] = "发票与税控", ["approval/social"] = "社保登记", ["approval/seal"] = "公章刻制备案" };
        var enterprise = warned.Where(w => w.GetProperty("item").GetString() == "QYKB-0001").ToList();
        enterprise.ShouldContain(w => branchTitles.ContainsKey(w.GetProperty("scope").GetString()!), "late branches among sixty demonstration cases");
        foreach (var row in enterprise)
        {
            var scope = row.GetProperty("scope").GetString()!;
            var named = row.TryGetProperty("scopeTitle", out var title) && title.ValueKind == JsonValueKind.String;
            if (scope == "case")
            {
                named.ShouldBeFalse(row.GetRawText());
            }
            else if (branchTitles.TryGetValue(scope, out var expected))
            {
                title.GetString().ShouldBe(expected, row.GetRawText());
            }
        }

        var statuses = warned.Select(w => w.GetProperty("status").GetString()).ToList();
        statuses.ShouldBe(statuses.OrderBy(s => s == "running" ? 0 : 1).ToList(), "running cases first");
    }
}
