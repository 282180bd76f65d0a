using System.Net;
using System.Net.Http.Json;

namespace HongqiFlow.Server.Tests;

public sealed class CatalogApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("window")]
    [InlineData("department:tax")]
    [InlineData("supervisor")]
    [InlineData("author")]
    public async Task Organization_NamesEveryDepartmentDataSourceAndSharedTemplateOfTheCatalog(string role)
    {
        var response = await server.As(role).GetAsync("/api/organization");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var directory = await response.Json();
        var departments = directory.GetProperty("departments").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("name").GetString());
        departments["tax"].ShouldBe("税务局");
        departments["market-regulation"].ShouldBe("市场监督管理局");
        // Counted by the reader: departments may be written in block form with positions and people since personal tasks.
        departments.Count.ShouldBe(new HongqiFlow.Definitions.Parsing.DefinitionReader().ReadOrganizationFile(Repository.Path("definitions", "organization.yaml")).ModelOrThrow().Departments.Count);
        departments.Count.ShouldBe(12);
        var source = directory.GetProperty("dataSources").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "population.id-card");
        source.GetProperty("owner").GetString().ShouldBe("public-security");
        var templates = directory.GetProperty("templates").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("title").GetString());
        templates["one-time-notice"].ShouldBe("一次性告知书");
        templates.ShouldContainKey("warning");
    }

    [Fact]
    public async Task Organization_Anonymous_Answers401() =>
        (await server.As(null).GetAsync("/api/organization")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task Export_WritesThePublishedVersionsAsYaml_UnderTheDataFolder()
    {
        var response = await server.As("admin").PostAsJsonAsync("/api/definitions/export", new { folder = "export" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var export = await response.Json();
        export.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ShouldContain("enterprise-establishment.yaml");
        var folder = export.GetProperty("folder").GetString()!;
        Path.GetFileName(folder).ShouldBe("export");
        File.ReadAllText(Path.Combine(folder, "enterprise-establishment.yaml")).ShouldBe(File.ReadAllText(Repository.Path("definitions", "enterprise-establishment.yaml")));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/tmp/hongqi-export-anywhere")]
    public async Task Export_OutsideTheCatalogAndDataFolders_Answers400AndWritesNothing(string folder)
    {
        var response = await server.As("admin").PostAsJsonAsync("/api/definitions/export", new { folder });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("errors").GetProperty("folder")[0].GetString()!.ShouldContain("is outside both");
        Directory.Exists("/tmp/hongqi-export-anywhere").ShouldBeFalse();
    }

    [Fact]
    public async Task Import_PostedFiles_PublishesNewVersions_ReportsDriftAndInvalid()
    {
        var admin = server.As("admin");
        var text = File.ReadAllText(Repository.Path("definitions", "enterprise-establishment.yaml"));
        var raised = text.Replace("  version: 1\n", "  version: 7\n", StringComparison.Ordinal);
        var drifted = text.Replace("# 法定时限", "# 法定时限（修订）", StringComparison.Ordinal);
        var response = await admin.PostAsJsonAsync("/api/definitions/import", new
        {
            files = new[]
            {
                new { name = "a.yaml", yaml = raised },
                new { name = "b.yaml", yaml = text },
                new { name = "c.yaml", yaml = drifted },
                new { name = "d.yaml", yaml = "hongqiflow: 1\nitem: {}\n" },
            },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = await response.Json();
        report.GetProperty("imported").EnumerateArray().Select(x => x.GetString()).ShouldBe(["QYKB-0001@7"]);
        report.GetProperty("unchanged").EnumerateArray().Select(x => x.GetString()).ShouldBe(["QYKB-0001@1"]);
        report.GetProperty("drift")[0].GetString()!.ShouldStartWith("c.yaml: 'QYKB-0001@1' is already published with another text");
        report.GetProperty("invalid").GetArrayLength().ShouldBeGreaterThan(0);
        (await admin.GetAsync("/api/definitions/QYKB-0001/versions/7")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await server.As("author").PostAsJsonAsync("/api/definitions/import", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Simulate_SampleText_RunsAndChecksItsExpectations()
    {
        var author = server.As("author");
        var yaml = File.ReadAllText(Repository.Path("definitions", "enterprise-establishment.yaml"));
        const string Sample = """
            sample: 容缺受理后补齐
            definition: QYKB-0001
            clock: 2026-09-29T09:00:00+08:00
            case:
              applicant: { name: 张三 }
              submitted: [application, articles, shareholder-resolution]
            steps:
              - send: accept-tolerated
                by: window
                expect: { state: approval, obligations: [supplement] }
            """;
        var response = await author.PostAsJsonAsync("/api/definitions/simulate", new { yaml, sample = Sample });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Json();
        result.GetProperty("passed").GetBoolean().ShouldBeTrue(result.GetRawText());
        result.GetProperty("steps").EnumerateArray().Last().GetProperty("obligations")[0].GetProperty("id").GetString().ShouldBe("supplement");

        var bad = await author.PostAsJsonAsync("/api/definitions/simulate", new { yaml, sample = Sample, steps = Array.Empty<object>() });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
