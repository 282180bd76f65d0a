using System.Diagnostics;
using System.Net;

namespace HongqiFlow.Server.Tests;

/// <summary>The README walkthrough against the real <c>hongqi serve</c> process on a loopback port.</summary>
[Collection(ServeProcessCollection.Name)]
public sealed class ServeSmokeTests(ServeProcess serve)
{
    [Fact]
    public async Task Serve_DrivesOneCaseFromIntakeToRatingAndMetrics()
    {
        using var anonymous = serve.Client(null);
        (await anonymous.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/api-docs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/api/cases")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var caseId = await Journey.RunAsync((role, user) => serve.Client(role, user), "smoke-start");

        caseId.ShouldNotBeNullOrEmpty();
        var logs = string.Join("\n", serve.Output);
        logs.ShouldNotContain(Journey.IdNumber);
        logs.ShouldNotContain("13812345678");
        serve.Output.ShouldContain(line => line.StartsWith("{\"timestamp\":", StringComparison.Ordinal) && line.Contains("\"message\":\"Now listening on: http://127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_MintedByTheCli_IsAcceptedByTheServer()
    {
        var start = ServeProcess.Cli(Environment.CurrentDirectory, "token", "--role", "department", "--department", "tax", "--user", "tax-9");

        start.Environment["Hongqi__Jwt__Key"] = ServeProcess.Key;
        using var process = Process.Start(start)!;
        var token = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0);

        using var client = serve.Client(null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        (await client.GetAsync("/api/worklist")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/metrics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
