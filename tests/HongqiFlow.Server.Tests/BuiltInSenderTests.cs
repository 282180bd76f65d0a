using System.Net;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// Built-in events through the API: a department outside the item is refused the case (403); a role the engine's
/// built-in senders table does not name gets the engine's rejection (409, its code and Chinese reason); the lead may.
/// </summary>
public sealed class BuiltInSenderTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly object ProcedureStart = new { @event = "procedure-start", payload = new { procedure = "name-verification" } };

    private async Task<string> AcceptedAsync()
    {
        var window = server.As("window");
        var caseId = await Journey.StartAsync(window);
        (await window.PostJson($"/api/cases/{caseId}/events", new { @event = "accept" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return caseId;
    }

    [Fact]
    public async Task ProcedureStart_ByADepartmentOutsideTheItem_Is403()
    {
        var caseId = await AcceptedAsync();

        var response = await server.As("department:housing").PostJson($"/api/cases/{caseId}/events", ProcedureStart);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("window")]
    [InlineData("supervisor")]
    public async Task ProcedureStart_ByARoleTheTableDoesNotName_Is409WithHQ6005(string role)
    {
        var caseId = await AcceptedAsync();

        var response = await server.As(role).PostJson($"/api/cases/{caseId}/events", ProcedureStart);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var body = await response.Json();
        body.GetProperty("code").GetString().ShouldBe("HQ6005");
        body.GetProperty("reason").GetString()!.ShouldContain("“procedure-start”只能由牵头部门（市场监督管理局）或当前环节的办理部门");
    }

    [Fact]
    public async Task ProcedureStart_ByTheLeadDepartment_PausesTheClock()
    {
        var caseId = await AcceptedAsync();

        var response = await server.As("department:market-regulation").PostJson($"/api/cases/{caseId}/events", ProcedureStart);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
