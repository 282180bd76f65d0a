using System.Net;
using System.Text.Json;
using HongqiFlow.Server.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// The indicators kept as commands are stored give the numbers computed from every case: over demonstration cases
/// written before the projection existed (the upgrade rebuilds it from their histories), then after more commands,
/// for the whole history and for ranges that cut days, and for PostgreSQL when HONGQI_TEST_PG is set.
/// </summary>
public sealed class IndicatorProjectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-indicators-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public Task Projection_OfSqliteDemoCases_EqualsTheFullComputation() => ProjectionEqualsFullComputationAsync(null);

    [Fact]
    public async Task Projection_OfPostgresDemoCases_EqualsTheFullComputation()
    {
        if (Environment.GetEnvironmentVariable("HONGQI_TEST_PG") is not { Length: > 0 } pg)
        {
            return;
        }

        var database = "hongqi_indicators_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = Npgsql.NpgsqlDataSource.Create(pg))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {database}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await ProjectionEqualsFullComputationAsync(new Npgsql.NpgsqlConnectionStringBuilder(pg) { Database = database }.ConnectionString);
    }

    private async Task ProjectionEqualsFullComputationAsync(string? store)
    {
        var end = DateTimeOffset.UtcNow;
        var seeded = await SeedAsync(store, 120, end);
        using var server = new ServerFixture { DataFolder = _folder, Store = store };
        var projection = await ReadyAsync(server);
        projection.Projected.ShouldBe(seeded, "the upgrade projects every stored case from its history");

        var ranges = new (DateTimeOffset? From, DateTimeOffset? To)[]
        {
            (null, null),
            (end.AddDays(-20).AddHours(-5).AddMinutes(-17), end.AddDays(-3).AddHours(-7)),
            (new DateTimeOffset(end.UtcDateTime.Date, TimeSpan.Zero).AddDays(-30), new DateTimeOffset(end.UtcDateTime.Date, TimeSpan.Zero).AddDays(-2)),
            (end.AddDays(-6).AddHours(-2), end.AddDays(-5).AddHours(3)),
        };
        await SameAsync(server, projection, ranges);

        // More commands: each changes its case's counts, and nothing else is read again.
        var window = server.As("window");
        var before = projection.Projected;
        var started = await Journey.StartAsync(window);
        (await window.PostJson($"/api/cases/{started}/events", new { @event = "accept" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Journey.StartAsync(window, "online");
        var metrics = await (await server.As("supervisor").GetAsync("/api/metrics")).Json();
        metrics.GetProperty("overall").GetProperty("cases").GetInt32().ShouldBe(seeded + 2);
        (projection.Projected - before).ShouldBeLessThanOrEqualTo(3, "only the cases the commands changed are projected");
        await SameAsync(server, projection, ranges);
    }

    private static async Task SameAsync(ServerFixture server, IndicatorProjection projection, IEnumerable<(DateTimeOffset? From, DateTimeOffset? To)> ranges)
    {
        var records = server.Services.GetRequiredService<CaseRecords>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (from, to) in ranges)
        {
            var start = from ?? DateTimeOffset.MinValue;
            var end = to ?? now.AddSeconds(1);
            await projection.DrainAsync(CancellationToken.None);
            var (overall, byItem, byDepartment) = await projection.ReadAsync(start, end, now, CancellationToken.None);
            var full = await SupervisionEndpoints.RecomputeAsync(start, end, now, records, CancellationToken.None);
            full.Overall.Cases.ShouldBeGreaterThan(0, $"the range {start:O}..{end:O} holds cases");
            JsonSerializer.Serialize(overall).ShouldBe(JsonSerializer.Serialize(full.Overall), $"overall {start:O}..{end:O}");
            JsonSerializer.Serialize(byItem).ShouldBe(JsonSerializer.Serialize(full.ByItem), $"by item {start:O}..{end:O}");
            JsonSerializer.Serialize(byDepartment).ShouldBe(JsonSerializer.Serialize(full.ByDepartment), $"by department {start:O}..{end:O}");
        }
    }

    internal static async Task<IndicatorProjection> ReadyAsync(ServerFixture server)
    {
        _ = server.Services;
        var projection = server.Services.GetRequiredService<IndicatorProjection>();
        for (var waited = 0; !projection.Ready && waited < 1200; waited++)
        {
            await Task.Delay(100);
        }

        projection.Ready.ShouldBeTrue("the projection catches up at start");
        return projection;
    }

    /// <summary>Demonstration cases written straight to the store, as <c>hongqi demo</c> does, before any server ran on it.</summary>
    private async Task<int> SeedAsync(string? store, int cases, DateTimeOffset end)
    {
        var services = new ServiceCollection();
        ServerServices.Add(services, new ServerOptions { Data = _folder, Store = store, Definitions = Repository.Path("definitions"), SupervisionWarmUp = false });
        await using var provider = services.BuildServiceProvider();
        await Hosting.HongqiStartupExtensions.OpenHongqiFlowAsync(provider);
        await new Hosting.Demo.DemoSeeder(provider.GetRequiredService<Storage.ICaseStore>(), provider.GetRequiredService<Hosting.DefinitionRegistry>())
            .SeedAsync(new Hosting.Demo.DemoOptions { Cases = cases, End = end });
        return cases;
    }
}
