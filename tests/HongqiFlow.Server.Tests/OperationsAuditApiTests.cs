using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using HongqiFlow.Server.Security;
using HongqiFlow.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// The operations audit (等保 安全审计) through the API, and the separated administrator roles (三员管理): what is
/// recorded, who may read it (the auditor alone), that nothing changes it, and that no token holds two separated roles.
/// </summary>
public sealed class OperationsAuditApiTests : IDisposable
{
    private readonly ServerFixture _server = new();

    public void Dispose() => _server.Dispose();

    private async Task<List<JsonElement>> EntriesAsync(string query = "")
    {
        var response = await _server.As("auditor", "shen-ji").GetAsync("/api/audit/operations?limit=500" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.Json()).GetProperty("operations").EnumerateArray()];
    }

    [Fact]
    public async Task Operations_DraftsPublishesExportsRefusalsAndFailedLogins_AreRecordedWithWhoWhatAndResult()
    {
        var author = _server.As("author", "zhang-san");
        (await author.PostAsJsonAsync("/api/definitions", new { code = "AUDIT-0001", name = "审计测试", template = "basic" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await author.PostAsync("/api/definitions/AUDIT-0001/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await author.PostAsync("/api/definitions/AUDIT-0001/publish", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _server.As("admin", "xi-tong").PostAsJsonAsync("/api/definitions/export", new { folder = "export" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _server.As("window", "chuang-kou").PostAsJsonAsync("/api/definitions/export", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _server.As(null).GetAsync("/api/cases")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var forged = _server.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        (await forged.GetAsync("/api/cases")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _server.As("supervisor", "jian-du").GetAsync("/api/metrics?format=csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _server.As("supervisor", "jian-du").GetAsync("/api/metrics")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entries = await EntriesAsync();

        string Line(JsonElement e) => string.Join(' ', e.GetProperty("actor").GetString(), e.GetProperty("operation").GetString(), e.GetProperty("target").GetString(), e.GetProperty("result").GetString());
        entries.Select(Line).Where(l => !l.StartsWith("system ", StringComparison.Ordinal)).Reverse().ShouldBe(
        [
            "zhang-san definition-create /api/definitions success",
            "zhang-san definition-publish AUDIT-0001 success",
            "zhang-san definition-publish AUDIT-0001 failure",
            "xi-tong definitions-export catalog success",
            "chuang-kou authorization /api/definitions/export denied",
            "anonymous authentication /api/cases unauthenticated",
            "anonymous authentication /api/cases unauthenticated",
            "jian-du metrics-export metrics success",
        ]);
        var refused = entries.Single(e => e.GetProperty("result").GetString() == "denied");
        refused.GetProperty("roles").GetString().ShouldBe("window");
        refused.GetProperty("address").GetString().ShouldNotBeNullOrEmpty();
        var detail = JsonDocument.Parse(refused.GetProperty("detail").GetString()!).RootElement;
        (detail.GetProperty("method").GetString(), detail.GetProperty("status").GetInt32(), detail.GetProperty("attempted").GetString()).ShouldBe(("POST", 403, "exportDefinitions"));
        var failedLogins = entries.Where(e => e.GetProperty("operation").GetString() == "authentication")
            .Select(e => JsonDocument.Parse(e.GetProperty("detail").GetString()!).RootElement.GetProperty("reason").GetString()).ToList();
        failedLogins.Count.ShouldBe(2);
        failedLogins.ShouldContain("no bearer token");
        failedLogins.ShouldContain(r => r != "no bearer token" && !string.IsNullOrEmpty(r));
        (await _server.Services.GetRequiredService<IOperationsLog>().VerifyOperationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Auditor_FiltersByWhoWhatResultAndTime_PagesAndExportsCsv_AndTheExportIsRecorded()
    {
        var author = _server.As("author", "zhang-san");
        await author.PostAsJsonAsync("/api/definitions", new { code = "AUDIT-0002", name = "审计测试", template = "basic" });
        await _server.As("window", "chuang-kou").PostAsJsonAsync("/api/definitions/import", new { });
        await _server.As("window", "chuang-kou").PostAsJsonAsync("/api/definitions/export", new { });

        (await EntriesAsync("&actor=chuang-kou")).Count.ShouldBe(2);
        (await EntriesAsync("&result=denied&actor=chuang-kou")).Count.ShouldBe(2);
        (await EntriesAsync("&operation=definition-create")).ShouldHaveSingleItem().GetProperty("actor").GetString().ShouldBe("zhang-san");
        (await EntriesAsync("&q=AUDIT-0002")).Count.ShouldBe(0);
        (await EntriesAsync("&q=import")).ShouldHaveSingleItem().GetProperty("actor").GetString().ShouldBe("chuang-kou");
        (await EntriesAsync("&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")).ShouldBeEmpty();
        var auditor = _server.As("auditor", "shen-ji");
        var first = await (await auditor.GetAsync("/api/audit/operations?limit=2")).Json();
        first.GetProperty("operations").GetArrayLength().ShouldBe(2);
        var total = first.GetProperty("total").GetInt64();
        total.ShouldBeGreaterThanOrEqualTo(4);
        var next = first.GetProperty("next").GetInt64();
        var second = await (await auditor.GetAsync($"/api/audit/operations?limit=2&before={next}")).Json();
        second.GetProperty("operations")[0].GetProperty("sequence").GetInt64().ShouldBe(next - 1);

        var csv = await auditor.GetAsync("/api/audit/operations?format=csv&actor=chuang-kou");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("sequence,at,actor,roles,address,operation,target,result,detail,hash");
        lines.Length.ShouldBe(3);
        lines[1].ShouldContain(",chuang-kou,window,");
        lines[1].ShouldContain(",authorization,/api/definitions/export,denied,\"{");

        var export = (await EntriesAsync("&operation=audit-export")).ShouldHaveSingleItem();
        export.GetProperty("actor").GetString().ShouldBe("shen-ji");
        JsonDocument.Parse(export.GetProperty("detail").GetString()!).RootElement.GetProperty("query").GetString().ShouldBe("?format=csv&actor=chuang-kou");

        foreach (var (query, field) in new[] { ("operation=delete", "operation"), ("result=maybe", "result"), ("limit=0", "limit"), ("format=xml", "format"), ("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to") })
        {
            var bad = await auditor.GetAsync("/api/audit/operations?" + query);
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            (await bad.Json()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(query);
        }
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("security-admin")]
    [InlineData("supervisor")]
    public async Task TheAdministratorsAndEveryoneButTheAuditor_CannotReadTheAudit_AndTheAttemptIsRecorded(string role)
    {
        (await _server.As(role, "curious").GetAsync("/api/audit/operations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _server.As(role, "curious").GetAsync("/api/audit/operations?format=csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var refused = await EntriesAsync("&actor=curious");
        refused.Count.ShouldBe(2);
        refused.ShouldAllBe(e => e.GetProperty("result").GetString() == "denied" && e.GetProperty("target").GetString() == "/api/audit/operations");
    }

    [Fact]
    public void NoEndpoint_ChangesOrRemovesTheAudit_TheAuditorOnlyReads()
    {
        var endpoints = _server.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("audit", StringComparison.Ordinal)).ToList();

        endpoints.ShouldHaveSingleItem().Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.ShouldBe(["GET"]);
        Policies.Admitted[Policies.Audit].ShouldBe([Roles.Auditor]);
        Policies.Admitted.Where(p => p.Key != Policies.Audit).ShouldAllBe(p => !p.Value.Contains(Roles.Auditor));
        Policies.Admitted.Where(p => p.Value.Contains(Roles.SecurityAdmin)).Select(p => p.Key).ShouldBe([Policies.Security]);
    }

    [Fact]
    public async Task SecurityAdministrator_IssuesTokens_RecordedWithPersonAndRoles_NeverTwoSeparatedRolesNorToThemselves()
    {
        var security = _server.As("security-admin", "an-quan");

        var issued = await security.PostAsJsonAsync("/api/security/tokens", new { user = "li-si", roles = new[] { "auditor" }, hours = 2 });
        issued.StatusCode.ShouldBe(HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        var token = (await issued.Json()).GetProperty("token").GetString()!;
        using var issuedClient = _server.CreateClient();
        issuedClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await issuedClient.GetAsync("/api/audit/operations")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var two = await security.PostAsJsonAsync("/api/security/tokens", new { user = "li-si", roles = new[] { "admin", "auditor" } });
        two.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await two.Json();
        problem.GetProperty("errors").GetProperty("roles")[0].GetString()!.ShouldContain("admin, auditor");
        problem.GetProperty("reason").GetString()!.ShouldContain("三员分立");
        var self = await security.PostAsJsonAsync("/api/security/tokens", new { user = "an-quan", roles = new[] { "auditor" } });
        self.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await self.Json()).GetProperty("reason").GetString().ShouldBe("安全管理员不能为自己签发令牌，请由另一位安全管理员签发。");
        (await _server.As("admin").PostAsJsonAsync("/api/security/tokens", new { user = "li-si", roles = new[] { "admin" } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var entries = await EntriesAsync("&operation=token-issue");
        entries.Select(e => (e.GetProperty("actor").GetString(), e.GetProperty("result").GetString())).ShouldBe([("an-quan", "failure"), ("an-quan", "failure"), ("an-quan", "success")]);
        var success = entries[^1];
        success.GetProperty("target").GetString().ShouldBe("li-si");
        var detail = success.GetProperty("detail").GetString()!;
        detail.ShouldContain("\"issuedRoles\":[\"auditor\"]");
        detail.ShouldNotContain(token);
    }

    [Fact]
    public async Task TokenWithTwoSeparatedRoles_MintedElsewhere_IsRefusedWith401_AndRecorded()
    {
        Should.Throw<ArgumentException>(() => TokenIssuer.Mint(new JwtSettings(JwtSettings.DevelopmentKey, true), "x", ["admin", "auditor"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1)))
            .Message.ShouldContain("admin, auditor");
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = JwtSettings.Issuer,
            Audience = JwtSettings.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "both"), new Claim("role", "admin"), new Claim("role", "auditor")]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new JwtSettings(JwtSettings.DevelopmentKey, true).SigningKey, SecurityAlgorithms.HmacSha256),
        };
        using var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new JsonWebTokenHandler().CreateToken(descriptor));

        (await client.GetAsync("/api/audit/operations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/definitions/export", new { })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var refused = await EntriesAsync("&operation=authentication");
        refused.Count.ShouldBe(2);
        JsonDocument.Parse(refused[0].GetProperty("detail").GetString()!).RootElement.GetProperty("reason").GetString()!.ShouldContain("only one of the separated administrator roles");
    }

    [Fact]
    public async Task HongqiToken_IssuesTheSeparatedRoles_ButNeverTwoInOneToken()
    {
        async Task<(int Exit, string Output, string Error)> Token(params string[] args)
        {
            var root = new System.CommandLine.RootCommand("test") { HongqiFlow.Cli.Commands.TokenCommand.Create() };
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await root.Parse(["token", .. args]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
            return (exit, output.ToString(), error.ToString());
        }

        foreach (var role in new[] { "security-admin", "auditor" })
        {
            var (exit, output, _) = await Token("--role", role, "--user", "person-1");
            exit.ShouldBe(0);
            new JsonWebTokenHandler().ReadJsonWebToken(output.Trim()).Claims.Where(c => c.Type == "role").Select(c => c.Value).ShouldBe([role]);
        }

        var refused = await Token("--role", "admin", "--role", "security-admin");
        refused.Exit.ShouldNotBe(0);
        refused.Output.ShouldBeEmpty();
        refused.Error.ShouldContain("admin, security-admin");
    }

    [Fact]
    public async Task SettingsChanges_AreRecordedAtStart_SecretsAsFingerprints()
    {
        var folder = Directory.CreateTempSubdirectory("hongqi-settings-").FullName;
        try
        {
            using (var first = new ServerFixture { DataFolder = folder, Settings = new Dictionary<string, string?> { ["Hongqi:Jwt:Key"] = "a-secret-signing-key-of-32-bytes-or-more", ["Hongqi:MaxBodyBytes"] = "2000000" } })
            {
                first.CreateClient().Dispose();
            }

            using (var same = new ServerFixture { DataFolder = folder, Settings = new Dictionary<string, string?> { ["Hongqi:Jwt:Key"] = "a-secret-signing-key-of-32-bytes-or-more", ["Hongqi:MaxBodyBytes"] = "2000000" } })
            {
                same.CreateClient().Dispose();
            }

            using var changed = new ServerFixture { DataFolder = folder, Settings = new Dictionary<string, string?> { ["Hongqi:Jwt:Key"] = "another-secret-signing-key-of-32-bytes", ["Hongqi:MaxBodyBytes"] = "3000000" } };
            changed.CreateClient().Dispose();
            var log = changed.Services.GetRequiredService<IOperationsLog>();

            var entries = (await log.QueryOperationsAsync(new OperationQuery(Operation: OperationKinds.SettingsChange))).Operations;
            entries.Count.ShouldBe(2);
            entries.ShouldAllBe(e => e.Actor == "system" && e.Address == "local" && e.Result == OperationResults.Success);
            var latest = JsonDocument.Parse(entries[0].Detail).RootElement;
            latest.GetProperty("changed").EnumerateArray().Select(c => c.GetString()).ShouldBe(["Hongqi:Jwt:Key", "Hongqi:MaxBodyBytes"]);
            latest.GetProperty("settings").GetProperty("Hongqi:MaxBodyBytes").GetString().ShouldBe("3000000");
            latest.GetProperty("settings").GetProperty("Hongqi:Jwt:Key").GetString()!.ShouldStartWith("sm3:");
            entries.ShouldAllBe(e => !e.Detail.Contains("secret-signing-key", StringComparison.Ordinal));
            (await log.VerifyOperationsAsync()).ShouldBeEmpty();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Retention_ShorterThan180Days_IsRefusedAtStart_SayingWhy()
    {
        using var short90 = new ServerFixture { Settings = new Dictionary<string, string?> { ["Hongqi:OperationsAudit:RetentionDays"] = "90" } };

        var error = Should.Throw<InvalidOperationException>(() => short90.CreateClient());

        error.Message.ShouldBe(
            "Hongqi:OperationsAudit:RetentionDays is 90 days: the operations audit must be kept at least 180 days (Cybersecurity Law, article 21); set 180 or more. " +
            "(Hongqi:OperationsAudit:RetentionDays 为 90 天：操作审计日志至少保存 180 天（网络安全法第二十一条），请设为 180 或更大。)");
        using var year = new ServerFixture { Settings = new Dictionary<string, string?> { ["Hongqi:OperationsAudit:RetentionDays"] = "365" } };
        year.CreateClient().Dispose();
    }
}
