using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// The Prometheus scrape endpoint (docs/operations.md): absent unless <c>Hongqi:Telemetry:Prometheus</c> is on; on, it
/// serves the engine's instruments and ASP.NET Core's to admins only, or to anyone on the operator-only hosts named.
/// </summary>
public sealed class PrometheusEndpointTests : IDisposable
{
    private readonly ServerFixture _server = new();
    private readonly string _web = Directory.CreateTempSubdirectory("hongqi-web-").FullName;

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_web, recursive: true);
    }

    [Fact]
    public async Task Off_ByDefault_MetricsIs404_EvenWhereTheWebAppAnswersUnknownPaths()
    {
        await File.WriteAllTextAsync(Path.Combine(_web, "index.html"), "<!doctype html><title>红旗</title>");
        using var withWebApp = new ServerFixture { Web = _web };

        (await withWebApp.As("admin").GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await withWebApp.As(null).GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await withWebApp.As(null).GetAsync("/console")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task On_ServesPrometheusText_WithCommandsRejectionsDurationsAndRequests_ToAdminsOnly()
    {
        using var on = With(("Hongqi:Telemetry:Prometheus", "true"));
        var window = Client(on, "window");
        var started = await window.PostJson("/api/cases", new
        {
            item = "QYKB-0001",
            applicant = new { name = "王五", phone = "13900001111" },
            submitted = new[] { "application", "articles", "premises", "shareholder-resolution" },
        });
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var caseId = (await started.Json()).GetProperty("caseId").GetString()!;
        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "issue" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await Client(on, null).GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client(on, "supervisor").GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var scraped = await Client(on, "admin").GetAsync("/metrics");

        scraped.StatusCode.ShouldBe(HttpStatusCode.OK);
        scraped.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var text = await scraped.Content.ReadAsStringAsync();
        text.ShouldContain("# TYPE hongqi_commands_total counter");
        text.ShouldContain("hongqi_commands_total{");
        Lines(text, "hongqi_commands_total{").ShouldContain(l => l.Contains("hongqi_item=\"QYKB-0001\"", StringComparison.Ordinal) && l.Contains("hongqi_event=\"start\"", StringComparison.Ordinal) && l.Contains("hongqi_outcome=\"accepted\"", StringComparison.Ordinal));
        Lines(text, "hongqi_rejections_total{").ShouldContain(l => l.Contains("hongqi_event=\"issue\"", StringComparison.Ordinal));
        text.ShouldContain("hongqi_command_duration_seconds_bucket{");
        text.ShouldContain("http_server_request_duration_seconds");
        text.ShouldNotContain("王五");
        text.ShouldNotContain(caseId);
    }

    [Fact]
    public async Task Anonymous_AnswersOnlyOnTheNamedHosts()
    {
        using var on = With(("Hongqi:Telemetry:Prometheus", "true"), ("Hongqi:Telemetry:PrometheusAnonymous", "true"), ("Hongqi:Telemetry:PrometheusHosts", "*:9464"));
        var client = Client(on, null);

        (await client.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var operators = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        operators.Headers.Host = "localhost:9464";
        var scraped = await client.SendAsync(operators);
        scraped.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await scraped.Content.ReadAsStringAsync()).ShouldContain("# TYPE");
    }

    [Fact]
    public void Anonymous_WithoutHosts_IsRefusedAtStart()
    {
        using var open = With(("Hongqi:Telemetry:Prometheus", "true"), ("Hongqi:Telemetry:PrometheusAnonymous", "true"));

        Should.Throw<InvalidOperationException>(() => open.CreateClient()).Message.ShouldContain("PrometheusHosts");
    }

    private WebApplicationFactory<Program> With(params (string Key, string Value)[] settings) =>
        _server.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    private static HttpClient Client(WebApplicationFactory<Program> factory, string? role)
    {
        var client = factory.CreateClient();
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.Token(role));
        }

        return client;
    }

    private static List<string> Lines(string text, string prefix) =>
        [.. text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
}

/// <summary>On PostgreSQL the scrape carries Npgsql's client metrics beside the engine's.</summary>
public sealed class PrometheusOnPostgresTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [PostgresFact]
    public async Task On_WithPostgres_ServesNpgsqlClientMetrics()
    {
        postgres.Server.ShouldNotBeNull("HONGQI_TEST_PG is not set although CI=true");
        using var on = postgres.Server.WithWebHostBuilder(builder => builder.UseSetting("Hongqi:Telemetry:Prometheus", "true"));
        var window = on.CreateClient();
        window.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.Token("window"));
        var started = await window.PostJson("/api/cases", new
        {
            item = "QYKB-0001",
            applicant = new { name = "王五", phone = "13900001111" },
            submitted = new[] { "application", "articles", "premises", "shareholder-resolution" },
        });
        started.StatusCode.ShouldBe(HttpStatusCode.Created);

        var admin = on.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.Token("admin"));
        var text = await (await admin.GetAsync("/metrics")).Content.ReadAsStringAsync();

        text.ShouldContain("hongqi_commands_total{");
        text.ShouldContain("db_client_");
    }
}
