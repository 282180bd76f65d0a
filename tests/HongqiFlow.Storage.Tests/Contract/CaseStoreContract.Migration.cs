using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Tests;
using Microsoft.Extensions.Time.Testing;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>Moving running cases to a new definition version on each store: plan, execute, repeat, refusal and replay.</summary>
public abstract partial class CaseStoreContract
{
    private static readonly DateTimeOffset MigrationMorning = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly Actor MigrationAdmin = Actor.Supervisor("admin-1");

    /// <summary>Version 2 of QYKB-0001: a shorter promise, and the pre-acceptance correction renamed.</summary>
    private static string Version2Yaml() => File.ReadAllText(Repository.Path("definitions/enterprise-establishment.yaml"))
        .Replace("  version: 1", "  version: 2", StringComparison.Ordinal)
        .Replace("promised: 0.5wd", "promised: 0.25wd", StringComparison.Ordinal)
        .Replace("supplementWithin: 0.5wd", "supplementWithin: 0.25wd", StringComparison.Ordinal)
        .Replace("correcting", "supplementing", StringComparison.Ordinal);

    private async Task<(CaseService Cases, CaseMigrator Migrator, FakeTimeProvider Time)> MigrationHostAsync()
    {
        var time = new FakeTimeProvider(MigrationMorning);
        var definitions = (IDefinitionStore)Store;
        var registry = await DefinitionRegistry.OpenAsync(definitions, Repository.Path("definitions"), time);
        await definitions.SaveDraftAsync("QYKB-0001", Version2Yaml(), 0, "alice", MigrationMorning);
        (await registry.PublishAsync("QYKB-0001", "alice")).Published.ShouldNotBeNull();
        return (new CaseService(Store, registry, time), new CaseMigrator(Store, registry, time), time);
    }

    /// <summary>m-accepted runs its clock, m-received is not yet accepted, m-correcting waits for materials, m-withdrawn is finished.</summary>
    private static async Task StartMigrationCasesAsync(CaseService cases, FakeTimeProvider time)
    {
        var window = Actor.Window("w-1");
        foreach (var id in new[] { "m-accepted", "m-received", "m-correcting", "m-withdrawn" })
        {
            (await cases.StartAsync("QYKB-0001@1", Application(id), window, Channel.Window)).IsAccepted.ShouldBeTrue();
        }

        (await cases.SendAsync("m-accepted", Command.Send("accept", window))).IsAccepted.ShouldBeTrue();
        (await cases.SendAsync("m-correcting", Command.Send("notify-missing", window))).IsAccepted.ShouldBeTrue();
        (await cases.SendAsync("m-withdrawn", Command.Send("withdraw", window))).IsAccepted.ShouldBeTrue();
        time.Advance(TimeSpan.FromMinutes(30));
    }

    private static readonly StateMappingFile Renamed = StateMappingFile.Parse("states:\n  correcting: supplementing\n", "mapping.yaml");

    [StoreFact]
    public async Task MigrationPlan_ClassesEveryRunningCase_AndWritesNothing()
    {
        var (cases, migrator, time) = await MigrationHostAsync();
        await StartMigrationCasesAsync(cases, time);
        var before = await Store.ListCasesAsync(new CaseQuery());

        var plan = await migrator.PlanAsync("QYKB-0001", 1, 2, StateMappingFile.Empty, MigrationAdmin);

        plan.Cases.Select(c => (c.CaseId, c.Class)).ShouldBe(
        [
            ("m-accepted", PlannedCase.ConsequencesClass),
            ("m-correcting", PlannedCase.CannotMoveClass),
            ("m-received", PlannedCase.CleanClass),
        ]);
        (plan.Clean, plan.WithConsequences, plan.CannotMove).ShouldBe((1, 1, 1));
        plan.Cases[0].Consequences.Select(c => c.Kind).ShouldContain("limit");
        plan.Cases[1].Reason.ShouldBe("主流程状态“correcting”在第 2 版中没有对应状态，也未声明映射。");
        plan.Changes.ShouldContain(c => c.Area == "state" && c.Key == "main:supplementing");
        (await Store.ListCasesAsync(new CaseQuery())).ShouldBe(before);
    }

    [StoreFact]
    public async Task MigrationPlan_MappingNamingAnUnknownState_IsRefusedWithItsLine()
    {
        var (_, migrator, _) = await MigrationHostAsync();
        var mapping = StateMappingFile.Parse("# 迁移映射\nstates:\n  correcting: supplementing\n  nowhere: received\n", "mapping.yaml");

        var error = await Should.ThrowAsync<MigrationMappingException>(() => migrator.PlanAsync("QYKB-0001", 1, 2, mapping, MigrationAdmin));

        error.Errors.ShouldHaveSingleItem().ToString().ShouldBe("mapping.yaml:4: version 1 has no state 'nowhere' in main / 第 1 版的主流程没有状态“nowhere”。");
    }

    [StoreFact]
    public async Task MigrationExecute_MovesEachCaseAtomically_RewritesTimers_AndReplayGivesTheSameState()
    {
        var (cases, migrator, time) = await MigrationHostAsync();
        await StartMigrationCasesAsync(cases, time);
        var plan = await migrator.PlanAsync("QYKB-0001", 1, 2, Renamed, MigrationAdmin);
        var oldRed = (await cases.GetAsync("m-accepted")).State.Timers.Single(t => t.Kind == TimerKind.CaseRed);

        var run = await migrator.ExecuteAsync("QYKB-0001", 1, 2, Renamed, [.. plan.Cases.Select(c => new MigrationSelection(c.CaseId, c.Version))], MigrationAdmin);

        run.Cases.Select(c => c.Result).ShouldBe([MigrationOutcome.Migrated, MigrationOutcome.Migrated, MigrationOutcome.Migrated]);
        foreach (var id in new[] { "m-accepted", "m-correcting", "m-received" })
        {
            var snapshot = (await Store.LoadAsync(id))!;
            snapshot.DefinitionId.ShouldBe("QYKB-0001@2");
            (await cases.ReplayAsync(id)).ShouldBe(CaseJson.DeserializeState(snapshot.StateJson));
            var history = await cases.HistoryAsync(id);
            var migrated = history.Single(e => e.Type == CaseEventTypes.CaseMigrated);
            (migrated.Actor, migrated.Data.GetString("from"), migrated.Data.GetString("to")).ShouldBe((MigrationAdmin, "QYKB-0001@1", "QYKB-0001@2"));
        }

        (await cases.GetAsync("m-correcting")).State.MainState.ShouldBe("supplementing");
        (await Store.LoadAsync("m-withdrawn"))!.DefinitionId.ShouldBe("QYKB-0001@1");
        (await Store.VerifyAuditAsync()).ShouldBeEmpty();

        // The store's timers follow the case: the old promise is cancelled, the shorter one scheduled.
        var timers = await Store.ListTimersAsync("m-accepted");
        timers.Single(t => t.TimerId.EndsWith(oldRed.Id, StringComparison.Ordinal)).State.ShouldBe(TimerState.Cancelled);
        var red = (await cases.GetAsync("m-accepted")).State.Timers.Single(t => t.Kind == TimerKind.CaseRed);
        red.Due.ShouldBeLessThan(oldRed.Due);
        timers.Single(t => t.TimerId.EndsWith(red.Id, StringComparison.Ordinal)).State.ShouldBe(TimerState.Scheduled);

        // The case goes on on version 2, and replays the same.
        var market = Actor.OfDepartment("market-regulation", "m-1");
        (await cases.SendAsync("m-accepted", Command.Send("approve", market, branch: "market"))).IsAccepted.ShouldBeTrue();
        (await cases.ReplayAsync("m-accepted")).ShouldBe((await cases.GetAsync("m-accepted")).State);

        // Executing the same plan again moves nothing twice.
        var again = await migrator.ExecuteAsync("QYKB-0001", 1, 2, Renamed, [.. plan.Cases.Select(c => new MigrationSelection(c.CaseId, c.Version))], MigrationAdmin);
        again.Cases.Select(c => c.Result).ShouldBe([MigrationOutcome.AlreadyMigrated, MigrationOutcome.AlreadyMigrated, MigrationOutcome.AlreadyMigrated]);
        (await cases.HistoryAsync("m-received")).Count(e => e.Type == CaseEventTypes.CaseMigrated).ShouldBe(1);
    }

    [StoreFact]
    public async Task MigrationExecute_CaseChangedAfterThePlan_IsRefused_AndStaysWhereItWas()
    {
        var (cases, migrator, time) = await MigrationHostAsync();
        await StartMigrationCasesAsync(cases, time);
        var plan = await migrator.PlanAsync("QYKB-0001", 1, 2, Renamed, MigrationAdmin);
        var planned = plan.Cases.Single(c => c.CaseId == "m-received");
        (await cases.SendAsync("m-received", Command.Send("accept", Actor.Window("w-1")))).IsAccepted.ShouldBeTrue();

        var run = await migrator.ExecuteAsync("QYKB-0001", 1, 2, Renamed, [new MigrationSelection("m-received", planned.Version), new MigrationSelection("m-accepted", plan.Cases[0].Version)], MigrationAdmin);

        var refused = run.Cases[0];
        refused.Result.ShouldBe(MigrationOutcome.Changed);
        refused.Reason.ShouldStartWith($"办件在制定迁移计划后已有变化（计划时为第 {planned.Version} 版");
        run.Cases[1].Result.ShouldBe(MigrationOutcome.Migrated);
        (await Store.LoadAsync("m-received"))!.DefinitionId.ShouldBe("QYKB-0001@1");
        (await cases.HistoryAsync("m-received")).ShouldNotContain(e => e.Type == CaseEventTypes.CaseMigrated);
    }

    /// <summary>Version 2 of QYKB-0001 with a site-inspection branch whose first state opens an obligation, told to the lead department.</summary>
    private static string InspectionYaml() => File.ReadAllText(Repository.Path("definitions/enterprise-establishment.yaml"))
        .Replace("  version: 1", "  version: 2", StringComparison.Ordinal)
        .Replace("        seal:   { department: public-security, title: 公章刻制备案, limit: 3wh, use: review }\n",
            "        seal:   { department: public-security, title: 公章刻制备案, limit: 3wh, use: review }\n        inspection: { department: market-regulation, title: 现场核查, limit: 3wh, use: inspect }\n", StringComparison.Ordinal)
        .Replace("fragments:                    # 可复用的分支\n",
            "fragments:                    # 可复用的分支\n  inspect:\n    states:\n      inspecting: { title: 核查中, initial: true, opens: [site-check], on: { approve: approved } }\n      approved:   { title: 核查通过, final: true, outcome: approved }\n", StringComparison.Ordinal)
        .Replace("notify:\n", "obligations:\n  site-check: { name: 现场核查, within: 2wd }\n\ntemplates:\n  site-check-opened: { title: 现场核查通知, body: \"办件 {{case.receipt}} 需现场核查。\" }\n\nnotify:\n  - { on: obligation site-check opened, to: lead, template: site-check-opened }\n", StringComparison.Ordinal);

    [StoreFact]
    public async Task MigrationExecute_AddedBranch_OpensItsObligation_WithTimersAndOutbox_InTheSameAppend()
    {
        var time = new FakeTimeProvider(MigrationMorning);
        var definitions = (IDefinitionStore)Store;
        var registry = await DefinitionRegistry.OpenAsync(definitions, Repository.Path("definitions"), time);
        var yaml = InspectionYaml();
        yaml.ShouldContain("inspection:");
        yaml.ShouldContain("site-check opened");
        await definitions.SaveDraftAsync("QYKB-0001", yaml, 0, "alice", MigrationMorning);
        var published = await registry.PublishAsync("QYKB-0001", "alice");
        published.Published.ShouldNotBeNull(string.Join("; ", published.Diagnostics.Select(x => x.ToString())));
        var cases = new CaseService(Store, registry, time);
        var migrator = new CaseMigrator(Store, registry, time);
        var window = Actor.Window("w-1");
        (await cases.StartAsync("QYKB-0001@1", Application("m-branch"), window, Channel.Window)).IsAccepted.ShouldBeTrue();
        (await cases.SendAsync("m-branch", Command.Send("accept", window))).IsAccepted.ShouldBeTrue();
        time.Advance(TimeSpan.FromMinutes(30));
        var outboxBefore = (await Store.QueryOutboxAsync(new OutboxQuery(CaseId: "m-branch"))).Count;

        var plan = await migrator.PlanAsync("QYKB-0001", 1, 2, StateMappingFile.Empty, MigrationAdmin);
        var planned = plan.Cases.ShouldHaveSingleItem();
        planned.Consequences.Select(c => c.Kind).ShouldContain("obligation-opened");
        (await Store.QueryOutboxAsync(new OutboxQuery(CaseId: "m-branch"))).Count.ShouldBe(outboxBefore);

        var run = await migrator.ExecuteAsync("QYKB-0001", 1, 2, StateMappingFile.Empty, [new MigrationSelection("m-branch", planned.Version)], MigrationAdmin);

        run.Cases.ShouldHaveSingleItem().Result.ShouldBe(MigrationOutcome.Migrated);
        var state = (await cases.GetAsync("m-branch")).State;
        var site = state.OpenObligation("site-check").ShouldNotBeNull();
        site.Opened.ShouldBe(time.GetUtcNow());
        state.Region("approval/inspection")!.State.ShouldBe("inspecting");
        var history = await cases.HistoryAsync("m-branch");
        var migratedAt = history.Single(e => e.Type == CaseEventTypes.CaseMigrated).Sequence;
        history.Single(e => e.Type == CaseEventTypes.ObligationOpened).Sequence.ShouldBeGreaterThan(migratedAt);
        var timers = await Store.ListTimersAsync("m-branch");
        var due = state.Timers.Single(t => t.Kind == TimerKind.ObligationDue && t.Target == "site-check");
        timers.Single(t => t.TimerId.EndsWith(due.Id, StringComparison.Ordinal)).State.ShouldBe(TimerState.Scheduled);
        (await Store.QueryOutboxAsync(new OutboxQuery(CaseId: "m-branch"))).Count.ShouldBe(outboxBefore + 1);
        (await cases.ReplayAsync("m-branch")).ShouldBe(state);
        (await Store.VerifyAuditAsync()).ShouldBeEmpty();
    }
}
