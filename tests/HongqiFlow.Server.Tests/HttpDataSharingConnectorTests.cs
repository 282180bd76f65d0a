using System.Diagnostics;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Server.DataSharing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Tests;

/// <summary>The HTTP data-sharing connector against a real listener on the loopback address.</summary>
public sealed class HttpDataSharingConnectorTests : IAsyncLifetime
{
    private static readonly CaseState Case = new()
    {
        CaseId = "c-http",
        DefinitionCode = "SBDJ-0201",
        DefinitionVersion = 1,
        Applicant = new Applicant("李四", "110101199001011234"),
    };

    private LoopbackDataSource _source = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _source = await LoopbackDataSource.StartAsync();
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();

        // One request first, so that a cold listener (JIT on a busy machine) does not count against a short timeout.
        using var warm = await _services.GetRequiredService<IHttpClientFactory>().CreateClient().PostAsync(new Uri(_source.BaseUrl, "warm-up"), new StringContent("{}"));
        _source.Requests.Clear();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _source.DisposeAsync();
    }

    [Fact]
    public async Task FetchAsync_SourceAnswersWithARecord_PostsTheApplicantWithTheHeadersAndReturnsTheRecord()
    {
        _source.Answer = (_, _, _) => Task.FromResult(Results.Json(new { match = true, validUntil = "2036-01-01", months = 36 }));

        var record = await Connector().FetchAsync("population.id-card", Case, CancellationToken.None);

        record.ShouldNotBeNull();
        record.Source.ShouldBe("population.id-card");
        record.Record.ShouldBe(ValueMap.Of(("match", true), ("validUntil", "2036-01-01"), ("months", 36L)));
        var request = _source.Requests.Single();
        request.Path.ShouldBe("/records/id-card");
        request.ApiKey.ShouldBe("secret-key");
        request.Body.GetProperty("source").GetString().ShouldBe("population.id-card");
        request.Body.GetProperty("caseId").GetString().ShouldBe("c-http");
        request.Body.GetProperty("applicant").GetProperty("idNumber").GetString().ShouldBe("110101199001011234");
    }

    [Fact]
    public async Task FetchAsync_SourceHasNoRecord404_ReturnsNullWithoutRetrying()
    {
        _source.Answer = (_, _, _) => Task.FromResult(Results.NotFound());

        (await Connector().FetchAsync("population.id-card", Case, CancellationToken.None)).ShouldBeNull();
        _source.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task FetchAsync_SourceAnswers500_TriesThreeTimesThenThrowsWithTheReason()
    {
        _source.Answer = (_, _, _) => Task.FromResult(Results.StatusCode(500));

        var failure = await Should.ThrowAsync<DataSharingException>(() => Connector().FetchAsync("population.id-card", Case, CancellationToken.None));

        _source.Requests.Count.ShouldBe(3);
        failure.Message.ShouldBe("数据源“population.id-card”共享接口不可用（3 次尝试，最后一次：HTTP 500）。");
    }

    [Fact]
    public async Task FetchAsync_SourceAnswersSlowerThanTheTimeout_GivesUpEachAttemptInTimeAndThrows()
    {
        _source.Answer = async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return Results.Json(new { match = true });
        };
        var watch = Stopwatch.StartNew();

        var failure = await Should.ThrowAsync<DataSharingException>(() => Connector(attempts: 2, timeoutMilliseconds: 300).FetchAsync("population.id-card", Case, CancellationToken.None));

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        _source.Requests.Count.ShouldBe(2);
        failure.Message.ShouldBe("数据源“population.id-card”共享接口不可用（2 次尝试，最后一次：0.3 秒内未答复）。");
    }

    [Fact]
    public async Task FetchAsync_SourceRefusesTheRequest400_ThrowsAtOnceWithoutRetrying()
    {
        _source.Answer = (_, _, _) => Task.FromResult(Results.BadRequest());

        var failure = await Should.ThrowAsync<DataSharingException>(() => Connector().FetchAsync("population.id-card", Case, CancellationToken.None));

        _source.Requests.Count.ShouldBe(1);
        failure.Message.ShouldBe("数据源“population.id-card”拒绝了请求（HTTP 400）。");
    }

    [Fact]
    public async Task FetchAsync_SourceNotConfigured_ThrowsNamingTheSetting()
    {
        var failure = await Should.ThrowAsync<DataSharingException>(() => Connector().FetchAsync("tax.income", Case, CancellationToken.None));

        failure.Message.ShouldBe("数据源“tax.income”未配置共享接口（Hongqi:DataSharing:Sources）。");
        _source.Requests.ShouldBeEmpty();
    }

    /// <summary>A connector for the listener; a generous timeout unless a test is about timeouts.</summary>
    private HttpDataSharingConnector Connector(int attempts = 3, int timeoutMilliseconds = 5000) => new(
        _services.GetRequiredService<IHttpClientFactory>(),
        new DataSharingOptions
        {
            Timeout = TimeSpan.FromMilliseconds(timeoutMilliseconds),
            Attempts = attempts,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            Sources = new(StringComparer.Ordinal)
            {
                ["population.id-card"] = new DataSourceEndpoint
                {
                    BaseUrl = _source.BaseUrl,
                    Path = "records/id-card",
                    Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Api-Key"] = "secret-key" },
                },
            },
        },
        TimeProvider.System);
}
