using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// Calls every operation of /openapi/v1.json — with its success answer where the data allows, its refusals (bad
/// bodies, unknown ids, conflicts, wrong roles, no token, too many wrong codes) — and checks that each answer's status
/// and media type are declared for that operation and that its JSON body matches the declared schema. A new
/// operation that this test does not call fails it, so the document and this list grow together.
/// </summary>
public sealed class OpenApiContractTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-contract-").FullName;

    [Fact]
    public async Task EveryOperation_AnswersOnlyWhatTheDocumentDeclares()
    {
        using var server = new ServerFixture { DataFolder = _folder };
        var contract = await OpenApiContract.LoadAsync(server.As(null));
        var violations = new List<string>();
        var called = new HashSet<(string, string)>();
        var succeeded = new HashSet<(string, string)>();

        async Task<HttpResponseMessage> Call(string? role, HttpMethod method, string url, object? body = null, HttpContent? raw = null)
        {
            var client = server.As(role, role is null ? "anyone" : role.Replace(':', '-') + "-1");
            using var request = new HttpRequestMessage(method, url) { Content = raw ?? (body is null ? null : JsonContent.Create(body)) };
            var response = await client.SendAsync(request);
            var path = url.Split('?')[0];
            violations.AddRange(await contract.ViolationsAsync(method.Method, path, response));
            if (contract.Find(method.Method, path) is { } found)
            {
                called.Add((found.Method, found.Template));
                if ((int)response.StatusCode < 300)
                {
                    succeeded.Add((found.Method, found.Template));
                }
            }

            return response;
        }

        // Data: a case taken through the whole journey (accepted, approved, issued, rated, rectified), an open case,
        // a new item's draft.
        var finished = await Journey.RunAsync((role, user) => server.As(role, user), "contract-journey");
        var finishedCode = (await (await server.As("window").GetAsync($"/api/cases/{finished}")).Json()).GetProperty("verificationCode").GetString()!;
        var qykb = await (await server.As("author").GetAsync("/api/definitions/QYKB-0001")).Json();
        var yaml = qykb.GetProperty("yaml").GetString()!;

        var created = await Call("author", HttpMethod.Post, "/api/definitions", new { code = "CT-0001", name = "契约测试", template = "basic" });
        var draft = await created.Json();
        var draftYaml = draft.GetProperty("yaml").GetString()!;
        var revision = draft.GetProperty("revision").GetInt32();

        // Definitions.
        await Call("admin", HttpMethod.Get, "/api/definitions");
        await Call("admin", HttpMethod.Get, "/api/definitions?q=qykb");
        await Call("author", HttpMethod.Post, "/api/definitions/validate", new { yaml });
        await Call("author", HttpMethod.Post, "/api/definitions/validate", new { yaml = "item: [" });
        await Call("author", HttpMethod.Post, "/api/definitions/simulate", new { yaml, steps = new object[] { new { send = "accept", by = "window" } } });
        await Call("admin", HttpMethod.Post, "/api/definitions/export", new { folder = "export" });
        await Call("admin", HttpMethod.Post, "/api/definitions/import", new { files = Array.Empty<object>() });
        await Call("author", HttpMethod.Get, "/api/definitions/QYKB-0001");
        await Call("author", HttpMethod.Put, "/api/definitions/CT-0001/draft", new { yaml = draftYaml, baseRevision = revision });
        await Call("author", HttpMethod.Put, "/api/definitions/CT-0001/draft", new { yaml = draftYaml, baseRevision = revision });
        await Call("author", HttpMethod.Post, "/api/definitions/CT-0001/publish");
        await Call("author", HttpMethod.Post, "/api/definitions/CT-0001/publish");
        await Call("author", HttpMethod.Get, "/api/definitions/QYKB-0001/versions");
        await Call("author", HttpMethod.Get, "/api/definitions/QYKB-0001/versions/1");
        await Call("author", HttpMethod.Get, "/api/definitions/QYKB-0001/versions/99");
        await Call("author", HttpMethod.Get, "/api/definitions/QYKB-0001/diff?from=1&to=1");
        await Call("author", HttpMethod.Get, "/api/definitions/QYKB-0001/diff?from=1&to=x");
        await Call("author", HttpMethod.Put, "/api/definitions/CT-0001/layout", new Dictionary<string, object> { ["received"] = new { x = 10, y = 20 } });
        await Call("author", HttpMethod.Put, "/api/definitions/CT-0001/layout", new Dictionary<string, object> { ["received"] = new { x = "left" } });
        await Call("author", HttpMethod.Get, "/api/definitions/CT-0001/layout");
        await Call("author", HttpMethod.Get, "/api/definitions/NOPE");

        // Migrations: CT-0001 gets a second version; plan and execute between the two, and their refusals.
        var ctDocument = await (await server.As("author").GetAsync("/api/definitions/CT-0001")).Json();
        (await server.As("author").PutAsJsonAsync("/api/definitions/CT-0001/draft",
            new { yaml = draftYaml.Replace("version: 1", "version: 2", StringComparison.Ordinal), baseRevision = ctDocument.GetProperty("revision").GetInt32() })).EnsureSuccessStatusCode();
        (await server.As("author").PostAsync("/api/definitions/CT-0001/publish", null)).EnsureSuccessStatusCode();
        await Call("author", HttpMethod.Post, "/api/definitions/CT-0001/migrations/plan", new { from = 1, to = 2 });
        await Call("admin", HttpMethod.Post, "/api/definitions/CT-0001/migrations/plan", new { from = 1, to = 2, mapping = new Dictionary<string, string> { ["nowhere"] = "received" } });
        await Call("admin", HttpMethod.Post, "/api/definitions/CT-0001/migrations/plan", new { from = 1, to = 9 });
        await Call("admin", HttpMethod.Post, "/api/definitions/CT-0001/migrations/plan", new { from = 1 });
        await Call("window", HttpMethod.Post, "/api/definitions/CT-0001/migrations/plan", new { from = 1, to = 2 });
        await Call("admin", HttpMethod.Post, "/api/definitions/CT-0001/migrations/execute", new { from = 1, to = 2, cases = new[] { new { caseId = "nope", version = 1 } } });
        await Call("admin", HttpMethod.Post, "/api/definitions/CT-0001/migrations/execute", new { from = 1, to = 2 });
        await Call("author", HttpMethod.Post, "/api/definitions/CT-0001/migrations/execute", new { from = 1, to = 2, cases = new[] { new { caseId = "nope", version = 1 } } });
        await Call("supervisor", HttpMethod.Post, "/api/definitions/CT-0001/migrations/execute", new { from = 1, to = 9, cases = new[] { new { caseId = "nope", version = 1 } } });
        await Call("author", HttpMethod.Get, "/api/calendars/cn-mainland/add?from=2026-09-30T09:00:00%2B08:00&duration=2wd");
        await Call("author", HttpMethod.Get, "/api/calendars/cn-mainland/add?duration=5x");
        await Call("author", HttpMethod.Get, "/api/calendars/nope/add?duration=1wd");
        await Call("author", HttpMethod.Get, "/api/organization");
        await Call("window", HttpMethod.Post, "/api/definitions", new { code = "CT-0002", name = "窗口不能建事项" });

        // Cases.
        var started = await Call("window", HttpMethod.Post, "/api/cases",
            new { item = "QYKB-0001", applicant = new { name = "乙", idNumber = Journey.IdNumber, phone = "13812345678" }, submitted = Journey.CompleteMaterials, channel = "window" });
        var open = (await started.Json()).GetProperty("caseId").GetString()!;
        await Call("window", HttpMethod.Post, "/api/cases", new { });
        await Call("window", HttpMethod.Post, "/api/cases", null, new StringContent("{\"item\":", Encoding.UTF8, "application/json"));
        await Call("window", HttpMethod.Post, "/api/cases", null, new StringContent("item=QYKB-0001", Encoding.UTF8, "text/plain"));
        await Call("window", HttpMethod.Post, "/api/cases", new { item = "QYKB-0001", applicant = new { name = new string('长', 1_200_000) } });
        await Call("window", HttpMethod.Post, "/api/cases", new { item = "NO-SUCH-ITEM", applicant = new { name = "乙" } });
        await Call("window", HttpMethod.Get, "/api/cases");
        await Call("window", HttpMethod.Get, "/api/cases?limit=abc");
        await Call("window", HttpMethod.Get, $"/api/cases/search?q={Journey.IdNumber}");
        await Call("window", HttpMethod.Get, "/api/cases/search?q=%E4%B9%99");
        await Call("window", HttpMethod.Get, "/api/cases/search?q=");
        await Call("department:tax", HttpMethod.Get, "/api/cases/search?q=x");
        await Call("window", HttpMethod.Get, $"/api/cases/{open}");
        await Call("department:market-regulation", HttpMethod.Get, $"/api/cases/{finished}");
        await Call("window", HttpMethod.Get, "/api/cases/nope");
        await Call("window", HttpMethod.Post, $"/api/cases/{open}/events", new { @event = "issue" });
        await Call("window", HttpMethod.Post, $"/api/cases/{open}/events", new { @event = "accept" });
        await Call("window", HttpMethod.Post, $"/api/cases/{open}/events", new { });
        await Call("window", HttpMethod.Post, "/api/cases/nope/events", new { @event = "accept" });
        await Call("window", HttpMethod.Get, $"/api/cases/{finished}/history");
        await Call("department:tax", HttpMethod.Get, $"/api/cases/{finished}/history");
        await Call("window", HttpMethod.Get, $"/api/cases/{finished}/documents/receipt");
        await Call("window", HttpMethod.Get, $"/api/cases/{finished}/documents/decision");
        await Call("window", HttpMethod.Get, $"/api/cases/{open}/documents/decision");
        await Call("window", HttpMethod.Get, $"/api/cases/{open}/documents/nope");

        // 电子证照 at the window, on 居住证办理 whose proof of residence accepts 不动产权证书.
        var (residence, residenceCode) = await CertificateApiTests.StartResidencePermitWithCodeAsync(server.As("window"), ["application", "employment-proof"]);
        await Call("window", HttpMethod.Post, $"/api/cases/{residence}/certificates", new { material = "residence-proof", type = CertificateApiTests.PropertyType, identifier = CertificateApiTests.Identifier, issuer = "北京市东城区不动产登记中心", trust = "library" });
        await Call("window", HttpMethod.Post, $"/api/cases/{residence}/certificates", new { material = "application", type = CertificateApiTests.PropertyType, identifier = CertificateApiTests.Identifier, issuer = "x", trust = "library" });
        await Call("window", HttpMethod.Post, $"/api/cases/{residence}/certificates", new { material = "residence-proof" });
        foreach (var (role, @event) in new[] { ("window", "accept"), ("department:public-security", "approve"), ("department:public-security", "produced"), ("window", "collect") })
        {
            (await server.As(role).PostJson($"/api/cases/{residence}/events", new { @event })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await CertificateApiTests.RateAsync(server.As(null), residence, residenceCode, 2, "attitude")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Call("department:tax", HttpMethod.Get, "/api/worklist");
        await Call("department:tax", HttpMethod.Get, "/api/worklist?warning=purple");
        await Call("department:tax", HttpMethod.Get, "/api/worklist?department=market-regulation");

        // People: the directory, who I am, my deputy, my worklists, a case's tasks, per-person metrics.
        await Call("author", HttpMethod.Get, "/api/people");
        await Call("department:market-regulation", HttpMethod.Get, "/api/people/me");
        await Call("department:market-regulation", HttpMethod.Put, "/api/people/me/deputy", new { deputy = "li-na", until = DateTimeOffset.UtcNow.AddDays(1) });
        await Call("department:market-regulation", HttpMethod.Put, "/api/people/me/deputy", new { });
        await Call("department:market-regulation", HttpMethod.Delete, "/api/people/me/deputy");
        await Call("department:market-regulation", HttpMethod.Delete, "/api/people/me/deputy");
        await Call("department:market-regulation", HttpMethod.Get, "/api/my/tasks?view=pool");
        await Call("department:market-regulation", HttpMethod.Get, "/api/my/tasks?view=nope");
        await Call("window", HttpMethod.Get, $"/api/cases/{open}/tasks");
        await Call("window", HttpMethod.Get, "/api/cases/nope/tasks");
        await Call("supervisor", HttpMethod.Get, "/api/supervision/people");

        // The applicant's progress page: anonymous.
        await Call(null, HttpMethod.Get, $"/api/progress/{finished}?code={finishedCode}");
        // The journey's own rating again answers as the first; another one is refused (409).
        await Call(null, HttpMethod.Post, $"/api/progress/{finished}/rating", new { code = finishedCode, level = 1, comment = "排队太久，请回电 13912345678" });
        await Call(null, HttpMethod.Post, $"/api/progress/{finished}/rating", new { code = finishedCode, level = 5 });
        await Call(null, HttpMethod.Post, $"/api/progress/{open}/rating", new { code = finishedCode, level = 5 });
        await Call(null, HttpMethod.Post, $"/api/progress/{finished}/rating", new { code = finishedCode });
        for (var attempt = 0; attempt < 7; attempt++)
        {
            await Call(null, HttpMethod.Get, $"/api/progress/{open}?code=000000");
        }

        // Supervision.
        await Call("supervisor", HttpMethod.Get, "/api/metrics");
        await Call("supervisor", HttpMethod.Get, "/api/metrics?format=csv");
        await Call("supervisor", HttpMethod.Get, "/api/metrics?format=xml");
        await Call("supervisor", HttpMethod.Get, "/api/supervision/warnings?status=all");
        await Call("supervisor", HttpMethod.Get, "/api/supervision/warnings?status=maybe");
        await Call("supervisor", HttpMethod.Get, "/api/tickets");
        await Call("supervisor", HttpMethod.Post, $"/api/tickets/{residence}/verify", new { result = "confirmed", note = "确有态度问题" });
        await Call("supervisor", HttpMethod.Post, $"/api/tickets/{finished}/verify", new { result = "confirmed", note = "确有排队过久" });
        await Call("supervisor", HttpMethod.Post, $"/api/tickets/{residence}/verify", new { result = "nope", note = "x" });
        await Call("supervisor", HttpMethod.Post, $"/api/tickets/{finished}/rectify", new { note = "增设取号窗口" });
        await Call("supervisor", HttpMethod.Post, $"/api/tickets/{finished}/rectify", new { note = "再次整改" });
        await Call("supervisor", HttpMethod.Post, $"/api/tickets/{finished}/feedback", new { note = "已电话回访" });
        await Call("supervisor", HttpMethod.Post, $"/api/tickets/{finished}/feedback", new { note = "再次回访" });
        await Call("supervisor", HttpMethod.Post, $"/api/tickets/{finished}/feedback", new { });
        await Call("supervisor", HttpMethod.Post, "/api/tickets/nope/rectify", new { note = "无此办件" });
        await Call("supervisor", HttpMethod.Get, "/api/ratings/export");
        await Call("supervisor", HttpMethod.Get, "/api/ratings/export?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        await Call("window", HttpMethod.Get, "/api/metrics");

        // The operations audit (the auditor alone) and token issuance (the security administrator).
        await Call("auditor", HttpMethod.Get, "/api/audit/operations?limit=5");
        await Call("auditor", HttpMethod.Get, "/api/audit/operations?format=csv&result=denied");
        await Call("auditor", HttpMethod.Get, "/api/audit/operations?result=maybe");
        await Call("admin", HttpMethod.Get, "/api/audit/operations");
        await Call("security-admin", HttpMethod.Post, "/api/security/tokens", new { user = "li-si", roles = new[] { "auditor" } });
        await Call("security-admin", HttpMethod.Post, "/api/security/tokens", new { user = "li-si", roles = new[] { "admin", "auditor" } });
        await Call("auditor", HttpMethod.Post, "/api/security/tokens", new { user = "li-si", roles = new[] { "auditor" } });
        await Call("department:tax", HttpMethod.Post, "/api/definitions/export", new { folder = "export" });

        // Every protected operation without a token.
        foreach (var (method, template, operation) in contract.Operations.Where(o => o.Operation["security"] is JsonArray { Count: > 0 }).ToList())
        {
            var url = template.Replace("{version}", "1", StringComparison.Ordinal);
            url = System.Text.RegularExpressions.Regex.Replace(url, "{[^}]+}", "x");
            var body = operation["requestBody"] is null ? null : new { };
            (await Call(null, new HttpMethod(method), url, body)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {url} without a token");
        }

        violations.ShouldBeEmpty();
        contract.Operations.Select(o => (o.Method, o.Template)).Where(o => !called.Contains(o)).ShouldBeEmpty("operations this test never called");
        contract.Operations.Select(o => (o.Method, o.Template)).Where(o => !succeeded.Contains(o)).ShouldBeEmpty("operations this test never saw succeed");
    }

    [Fact]
    public async Task Document_DeclaresBearerSecurityAndOperationIds()
    {
        using var server = new ServerFixture { DataFolder = _folder };
        var contract = await OpenApiContract.LoadAsync(server.As(null));

        var scheme = contract.Document["components"]!["securitySchemes"]!["bearer"]!;
        (scheme["type"]!.GetValue<string>(), scheme["scheme"]!.GetValue<string>()).ShouldBe(("http", "bearer"));
        var operations = contract.Operations.ToList();
        operations.Select(o => o.Operation["operationId"]?.GetValue<string>()).ShouldAllBe(id => !string.IsNullOrEmpty(id));
        operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).ShouldBeUnique();
        operations.Where(o => o.Operation["security"] is JsonArray { Count: 0 }).Select(o => $"{o.Method} {o.Template}")
            .ShouldBe(["GET /api/progress/{receipt}", "POST /api/progress/{receipt}/rating"], ignoreOrder: true);
        operations.ShouldAllBe(o => o.Operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('4')));
        var start = operations.Single(o => o.Operation["operationId"]!.GetValue<string>() == "startCase").Operation;
        start["requestBody"]!["required"]!.GetValue<bool>().ShouldBeTrue();
        start["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/StartCaseRequest");
        start["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/StartCaseResponse");
        var request = contract.Document["components"]!["schemas"]!["StartCaseRequest"]!;
        request["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["item", "applicant"], ignoreOrder: true);
        var response = contract.Document["components"]!["schemas"]!["CaseResponse"]!;
        var required = response["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        required.ShouldContain("caseId");
        required.ShouldNotContain("verificationCode");
        required.ShouldNotContain("rating");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
