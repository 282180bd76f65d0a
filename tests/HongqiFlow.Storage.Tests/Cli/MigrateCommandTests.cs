using System.CommandLine;
using HongqiFlow.Cli.Commands;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Storage.Sqlite;
using HongqiFlow.Tests;
using Microsoft.Data.Sqlite;

namespace HongqiFlow.Storage.Tests.Cli;

public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hongqi-migrate-").FullName;

    private string Catalog => Repository.Path("definitions");

    [Fact]
    public async Task PlanThenExecute_MovesTheRunningCases_AndExecutingAgainMovesNothingTwice()
    {
        await SeedAsync();
        var mapping = Path.Combine(_folder, "mapping.yaml");
        await File.WriteAllTextAsync(mapping, "states:\n  correcting: supplementing   # renamed in version 2\n");
        var planFile = Path.Combine(_folder, "plan.json");

        var (exit, output, error) = await RunAsync("migrate", "plan", "--data", _folder, "--definitions", Catalog, "--from", "QYKB-0001@1", "--to", "QYKB-0001@2", "--mapping", mapping, "--out", planFile);

        (exit, error).ShouldBe((0, string.Empty));
        output.ShouldStartWith("migrate plan: QYKB-0001 1 → 2: 2 running case(s): 1 move cleanly, 1 move with consequences, 0 cannot move\n");
        output.ShouldContain("  c-correcting [consequences] main=correcting → main=supplementing\n");
        MigrationJson.DeserializePlan(await File.ReadAllTextAsync(planFile)).Cases.Count.ShouldBe(2);

        (exit, output, error) = await RunAsync("migrate", "execute", "--data", _folder, "--definitions", Catalog, "--plan", planFile, "--user", "admin-1");

        (exit, error).ShouldBe((0, string.Empty));
        output.ShouldBe("  c-accepted: migrated\n  c-correcting: migrated\nmigrate execute: QYKB-0001 1 → 2: 2 moved, 0 refused\n");

        (exit, output, _) = await RunAsync("migrate", "execute", "--data", _folder, "--definitions", Catalog, "--plan", planFile);

        exit.ShouldBe(0);
        output.ShouldBe("  c-accepted: already-migrated\n  c-correcting: already-migrated\nmigrate execute: QYKB-0001 1 → 2: 2 moved, 0 refused\n");
        await using var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder));
        (await store.LoadAsync("c-accepted"))!.DefinitionId.ShouldBe("QYKB-0001@2");
        // A compact event is read with the history before it (it leaves out the regions it shares with the event before).
        var migrated = CaseJson.DeserializeHistory((await store.ReadHistoryAsync("c-accepted")).Select(e => (e.Version, e.PayloadJson))).Single(e => e.Type == CaseEventTypes.CaseMigrated);
        migrated.Actor.ShouldBe(Actor.Supervisor("admin-1"));
    }

    [Fact]
    public async Task Plan_MappingNamingAnUnknownState_NamesTheLineAndExitsTwo()
    {
        await SeedAsync();
        var mapping = Path.Combine(_folder, "mapping.yaml");
        await File.WriteAllTextAsync(mapping, "correcting: supplementing\nnowhere: received\n");

        var (exit, output, error) = await RunAsync("migrate", "plan", "--data", _folder, "--definitions", Catalog, "--from", "QYKB-0001@1", "--to", "QYKB-0001@2", "--mapping", mapping);

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe($"migrate plan: {mapping}:2: version 1 has no state 'nowhere' in main / 第 1 版的主流程没有状态“nowhere”。\n");
    }

    [Fact]
    public async Task Plan_BadReferenceOrUnknownVersion_ExitsTwoWithTheReason()
    {
        await SeedAsync();

        var (exit, _, error) = await RunAsync("migrate", "plan", "--data", _folder, "--definitions", Catalog, "--from", "QYKB-0001", "--to", "QYKB-0001@2");
        (exit, error).ShouldBe((2, "migrate plan: --from: 'QYKB-0001' is not CODE@VERSION (e.g. QYKB-0001@1)\n"));

        (exit, _, error) = await RunAsync("migrate", "plan", "--data", _folder, "--definitions", Catalog, "--from", "QYKB-0001@1", "--to", "QYKB-0001@9");
        exit.ShouldBe(2);
        error.ShouldStartWith("migrate plan: ");
        error.ShouldContain("QYKB-0001@9");
    }

    private async Task SeedAsync()
    {
        await using var store = await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(_folder));
        using var registry = await DefinitionRegistry.OpenAsync(store, Catalog, TimeProvider.System);
        var yaml = (await File.ReadAllTextAsync(Path.Combine(Catalog, "enterprise-establishment.yaml")))
            .Replace("  version: 1", "  version: 2", StringComparison.Ordinal)
            .Replace("correcting", "supplementing", StringComparison.Ordinal);
        await store.SaveDraftAsync("QYKB-0001", yaml, 0, "alice", DateTimeOffset.UtcNow);
        (await registry.PublishAsync("QYKB-0001", "alice")).IsPublished.ShouldBeTrue();
        var cases = new CaseService(store, registry, TimeProvider.System);
        var window = Actor.Window("w-1");
        foreach (var id in new[] { "c-accepted", "c-correcting" })
        {
            var start = new CaseStart { CaseId = id, Receipt = id, Applicant = new Applicant("张三", null, "13800000000"), Submitted = new[] { "application", "articles", "premises", "shareholder-resolution" } };
            (await cases.StartAsync("QYKB-0001@1", start, window, Channel.Window)).IsAccepted.ShouldBeTrue();
        }

        (await cases.SendAsync("c-accepted", Runtime.Command.Send("accept", window))).IsAccepted.ShouldBeTrue();
        (await cases.SendAsync("c-correcting", Runtime.Command.Send("notify-missing", window))).IsAccepted.ShouldBeTrue();
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand("test") { MigrateCommands.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
