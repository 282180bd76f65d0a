using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HongqiFlow.Hosting;
using HongqiFlow.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Tests;

/// <summary>Every name a request gives is checked before it reaches a path or a store, and a simulation asks for a bounded amount of work.</summary>
public sealed class BoundsAndPathsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string Enterprise = File.ReadAllText(Repository.Path("definitions", "enterprise-establishment.yaml"));

    [Theory]
    [InlineData("export\0x")]
    [InlineData("exp\u0001ort")]
    public async Task Export_FolderWithAControlCharacter_Answers400NamingTheFolder(string folder)
    {
        var response = await server.As("admin").PostAsJsonAsync("/api/definitions/export", new { folder });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Json()).GetProperty("errors").GetProperty("folder")[0].GetString()!.ShouldContain("control character");
    }

    [Theory]
    [InlineData("/api/definitions/QYKB%010001", "code")]
    [InlineData("/api/definitions/QYKB-0001/versions/1?x=%00", "x")]
    [InlineData("/api/definitions?q=%00", "q")]
    [InlineData("/api/calendars/cn%1Fmainland/add?duration=1wd", "id")]
    [InlineData("/api/cases/abc%01", "id")]
    public async Task PathOrQueryWithAControlCharacter_Answers400NamingIt(string url, string field)
    {
        var response = await server.As("admin").GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Json()).GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain("control character");
    }

    [Fact]
    public async Task StartCase_ItemCodeWithANul_Answers400NamingTheItem()
    {
        var response = await server.As("window").PostJson("/api/cases", new
        {
            item = "QYKB-0001\0",
            applicant = new { name = "张三", kind = "enterprise" },
            submitted = new[] { "application" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Json()).GetProperty("errors").GetProperty("item")[0].GetString()!.ShouldContain("control character");
    }

    [Fact]
    public async Task Import_ItemCodeThatIsAPath_IsRefusedWithALocatedError_AndNothingIsWrittenOutside()
    {
        var escape = "hongqi-escape-" + Guid.NewGuid().ToString("N");
        var yaml = Enterprise.Replace("code: QYKB-0001", $"code: ../../{escape}", StringComparison.Ordinal);

        var response = await server.As("admin").PostAsJsonAsync("/api/definitions/import", new { files = new[] { new { name = "escape.yaml", yaml } } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = await response.Json();
        report.GetProperty("imported").GetArrayLength().ShouldBe(0);
        var diagnostic = report.GetProperty("invalid").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "HQ2070");
        diagnostic.GetProperty("line").GetInt32().ShouldBeGreaterThan(0);
        diagnostic.GetProperty("messageZh").GetString()!.ShouldContain("不能用作文件名");

        var export = await server.As("admin").PostAsJsonAsync("/api/definitions/export", new { folder = "export-" + escape });
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        Directory.EnumerateFiles(Path.GetTempPath(), escape + "*", SearchOption.TopDirectoryOnly).ShouldBeEmpty();
    }

    [Fact]
    public async Task Export_StoredCodeThatWouldLeaveTheFolder_Answers409AndWritesNothing()
    {
        var fixture = new ServerFixture();
        await using var _ = fixture;
        var escape = "hongqi-escape-" + Guid.NewGuid().ToString("N");
        var registry = fixture.Services.GetRequiredService<DefinitionRegistry>();
        var code = "../../../../../../../../tmp/" + escape;
        await registry.Store.PublishAsync(new PublishedDefinition(code, 1, Enterprise, "old", DateTimeOffset.UtcNow, "catalog"));

        var response = await fixture.As("admin").PostAsJsonAsync("/api/definitions/export", new { folder = "export" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        (await response.Json()).GetProperty("detail").GetString()!.ShouldContain("outside the export folder");
        File.Exists(Path.Combine("/tmp", escape + ".yaml")).ShouldBeFalse();
    }

    [Theory]
    [InlineData(".", "code")]
    [InlineData("..", "code")]
    [InlineData("../x", "code")]
    [InlineData("CON", "code")]
    [InlineData("ends.", "code")]
    [InlineData("X", "name", 201)]
    public async Task Create_CodeOrNameBeyondTheDocumentedLimits_Answers400NamingIt(string code, string field, int nameLength = 4)
    {
        var response = await server.As("author").PostAsJsonAsync("/api/definitions", new { code, name = new string('事', nameLength) });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Json()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Create_CodeOfOneHundredAndOneCharacters_Answers400_AndOneHundredIsAccepted()
    {
        var author = server.As("author");
        var tooLong = await author.PostAsJsonAsync("/api/definitions", new { code = new string('A', 101), name = "事项" });
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.Json()).GetProperty("errors").GetProperty("code")[0].GetString()!.ShouldContain("at most 100 characters");

        var fits = await author.PostAsJsonAsync("/api/definitions", new { code = new string('B', 100), name = new string('事', 200) });
        fits.StatusCode.ShouldBe(HttpStatusCode.Created, await fits.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Simulate_MoreStepsThanTheBound_Answers400NamingSteps()
    {
        var steps = Enumerable.Range(0, 201).Select(_ => new { after = "1h" }).ToArray();

        var response = await server.As("author").PostAsJsonAsync("/api/definitions/simulate", new { yaml = Enterprise, steps });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Json()).GetProperty("errors").GetProperty("steps")[0].GetString()!.ShouldContain("at most 200 steps");
    }

    [Theory]
    [InlineData("100000wd", "steps[1].after")]
    [InlineData("2000d", "steps[1].after")]
    public async Task Simulate_ClockMovedPastTheBound_Answers400NamingTheStep(string after, string field)
    {
        var steps = new object[] { new { send = "accept", by = "window" }, new { after } };

        var response = await server.As("author").PostAsJsonAsync("/api/definitions/simulate", new { yaml = Enterprise, steps });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Json()).GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain("1098 days");
    }

    [Fact]
    public async Task Simulate_AtFarInTheFuture_Answers400NamingTheStep()
    {
        var steps = new object[] { new { at = "2999-01-01T00:00:00+08:00" } };

        var response = await server.As("author").PostAsJsonAsync("/api/definitions/simulate", new { yaml = Enterprise, steps, clock = "2026-01-05T09:00:00+08:00" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Json()).GetProperty("errors").TryGetProperty("steps[0].at", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Simulate_WithinTheBounds_StillRuns()
    {
        var steps = new object[] { new { send = "accept", by = "window" }, new { after = "30d" } };

        var response = await server.As("author").PostAsJsonAsync("/api/definitions/simulate", new { yaml = Enterprise, steps });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Json()).GetProperty("ran").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Validate_GuardWithACatastrophicRegularExpression_IsAnErrorAtValidation()
    {
        var yaml = Enterprise.Replace("when: \"missing.length === 0\"", "when: \"/^(a+)+$/.test('a'.repeat(34) + '!')\"", StringComparison.Ordinal);
        yaml.ShouldNotBe(Enterprise);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await (await server.As("author").PostAsJsonAsync("/api/definitions/validate", new { yaml })).Json();

        result.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()).ShouldContain("HQ3007");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SaveDraft_YamlWithANul_Answers400NamingTheYaml()
    {
        var response = await server.As("author").PutAsJsonAsync("/api/definitions/QYKB-0001/draft", new { yaml = Enterprise + "\n# \0", baseRevision = 0 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Json()).GetProperty("errors").GetProperty("yaml")[0].GetString()!.ShouldContain("U+0000");
    }
}
