using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HongqiFlow.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// Deputies (代理) are kept in the store: one named survives a restart on the same data folder, one written by another
/// node is seen after the refresh, and naming one refuses a person outside the caller's departments or an end in the past.
/// </summary>
public sealed class DeputyPersistenceTests : IDisposable
{
    private const string Market = "department:market-regulation";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "hongqi-deputy-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task NamedDeputy_AfterTheServerRestartsOnTheSameData_StillActs()
    {
        var until = DateTimeOffset.UtcNow.AddDays(2);
        using (var first = new ServerFixture { DataFolder = _data })
        {
            (await first.As(Market, "wang-qiang").PutAsJsonAsync("/api/people/me/deputy", new { deputy = "zhang-wei", until })).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await ActingFor(first, "zhang-wei")).ShouldBe(["wang-qiang"]);
        }

        using (var second = new ServerFixture { DataFolder = _data })
        {
            (await ActingFor(second, "zhang-wei")).ShouldBe(["wang-qiang"]);
            var me = await (await second.As(Market, "wang-qiang").GetAsync("/api/people/me")).Json();
            me.GetProperty("deputy").GetProperty("deputy").GetString().ShouldBe("zhang-wei");
            me.GetProperty("deputy").GetProperty("until").GetDateTimeOffset().ShouldBe(until, TimeSpan.FromMilliseconds(1));

            (await second.As(Market, "wang-qiang").DeleteAsync("/api/people/me/deputy")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var third = new ServerFixture { DataFolder = _data };
        (await ActingFor(third, "zhang-wei")).ShouldBeEmpty();
        (await third.As(Market, "wang-qiang").DeleteAsync("/api/people/me/deputy")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeputyWrittenByAnotherNode_IsSeenAfterTheRefresh()
    {
        using var server = new ServerFixture { DataFolder = _data, Settings = new Dictionary<string, string?> { ["Hongqi:DeputyRefresh"] = "00:00:00.2" } };
        (await ActingFor(server, "li-na")).ShouldBeEmpty();

        // Another node shares the store: it writes the record this node reads on its next refresh.
        var record = JsonSerializer.Serialize(new
        {
            principal = "zhao-min", principalName = "赵敏", departments = new[] { "market-regulation" }, positions = new[] { "reviewer" },
            deputyId = "li-na", from = DateTimeOffset.UtcNow.AddMinutes(-1), until = DateTimeOffset.UtcNow.AddDays(1),
        });
        await server.Services.GetRequiredService<IDeputyStore>().SaveDeputyAsync("zhao-min", record, DateTimeOffset.UtcNow);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await ActingFor(server, "li-na")).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        (await ActingFor(server, "li-na")).ShouldBe(["zhao-min"]);
    }

    [Theory]
    [InlineData("nobody", "deputy", "不是您所在部门的人员")]
    [InlineData("sun-li", "deputy", "不是您所在部门的人员")]
    [InlineData("wang-qiang", "deputy", "不能指定本人为代理人")]
    public async Task NameDeputy_NotAPersonOfMyDepartments_IsRefusedNamingDeputy(string deputy, string field, string reason)
    {
        using var server = new ServerFixture { DataFolder = _data };
        var refused = await server.As(Market, "wang-qiang").PutAsJsonAsync("/api/people/me/deputy", new { deputy, until = DateTimeOffset.UtcNow.AddDays(1) });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Json();
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field]);
        problem.GetProperty("reason").GetString()!.ShouldContain(reason);
        (await ActingFor(server, deputy)).ShouldBeEmpty();
    }

    [Fact]
    public async Task NameDeputy_EndingInThePast_IsRefusedNamingUntil()
    {
        using var server = new ServerFixture { DataFolder = _data };
        var refused = await server.As(Market, "wang-qiang").PutAsJsonAsync("/api/people/me/deputy",
            new { deputy = "zhang-wei", from = DateTimeOffset.UtcNow.AddDays(-3), until = DateTimeOffset.UtcNow.AddDays(-1) });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Json();
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["until"]);
        problem.GetProperty("reason").GetString().ShouldBe("代理结束时间已过");
        (await ActingFor(server, "zhang-wei")).ShouldBeEmpty();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<List<string>> ActingFor(ServerFixture server, string person)
    {
        var me = await (await server.As(Market, person).GetAsync("/api/people/me")).Json();
        return [.. me.GetProperty("actingFor").EnumerateArray().Select(d => d.GetProperty("principal").GetString()!)];
    }
}
