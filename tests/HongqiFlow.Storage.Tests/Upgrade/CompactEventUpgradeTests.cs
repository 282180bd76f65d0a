using HongqiFlow.Cli.Commands;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Storage.Sqlite;
using HongqiFlow.Tests;
using Microsoft.Data.Sqlite;

namespace HongqiFlow.Storage.Tests.Upgrade;

/// <summary>
/// Events stored in the released shape (format 1, in tests/fixtures/stores) stay as stored and keep reading, replaying
/// and verifying after this build appends compact (format 2) events to the same histories.
/// </summary>
public sealed class CompactEventUpgradeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-compact-").FullName;

    [Fact]
    public async Task FixtureHistoryOfFormat1_ContinuedWithCompactEvents_ReplaysToTheSnapshot_AndItsChainVerifies()
    {
        File.Copy(Repository.Path("tests", "fixtures", "stores", "sqlite-schema-4.db"), Path.Combine(_folder, "hongqi.db"));
        const string caseId = "20261204-R001";
        await using (var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder)))
        {
            var old = await store.ReadHistoryAsync(caseId);
            old.ShouldNotBeEmpty();
            old.ShouldAllBe(e => e.PayloadJson.StartsWith("{\"format\":1,", StringComparison.Ordinal));

            using var registry = await DefinitionRegistry.OpenAsync(store, Repository.Path("definitions"), TimeProvider.System);
            var cases = new CaseService(store, registry, TimeProvider.System);
            (await cases.SendAsync(caseId, Command.Send("accept", new Actor(ActorRole.Window, "w-1", "government-service"), idempotencyKey: "accept-r001"))).IsAccepted.ShouldBeTrue();
            (await cases.SendAsync(caseId, Command.Send("approve", Actor.OfDepartment("market-regulation", "m-001")))).IsAccepted.ShouldBeTrue();

            var history = await store.ReadHistoryAsync(caseId);
            history.Take(old.Count).Select(e => e.PayloadJson).ShouldBe(old.Select(e => e.PayloadJson));
            var added = history.Skip(old.Count).ToList();
            added.Count.ShouldBeGreaterThan(2);
            added.ShouldAllBe(e => e.PayloadJson.StartsWith("{\"format\":2,", StringComparison.Ordinal));

            // The compact events leave out what the events before them hold; read in order they are the decided events.
            added.ShouldContain(e => !e.PayloadJson.Contains("\"regions\"", StringComparison.Ordinal));
            var events = await cases.HistoryAsync(caseId);
            events.Select(e => e.Sequence).ShouldBe(history.Select(e => e.Version));
            events.ShouldAllBe(e => e.Regions.Count > 0);
            (await cases.ReplayAsync(caseId)).ShouldBe((await cases.GetAsync(caseId)).State);
            (await store.VerifyAuditAsync()).ShouldBeEmpty();
        }

        var output = new StringWriter();
        (await AuditCommands.VerifyAsync(_folder, null, output, new StringWriter(), CancellationToken.None)).ShouldBe(0);
        output.ToString().ShouldContain("every case history and stored snapshot is intact");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
