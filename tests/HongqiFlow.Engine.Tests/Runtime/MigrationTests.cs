using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Time;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class MigrationTests
{
    private static readonly Actor Admin = Actor.Supervisor("admin-1");

    private static CompiledDefinition V1 { get; } = TestDefinitions.Compile();

    private static CompiledDefinition V2(Func<ServiceItemDefinition, ServiceItemDefinition>? change = null)
    {
        var d = TestDefinitions.Enterprise();
        d = d with { Item = d.Item with { Version = 2 } };
        return TestDefinitions.Compile(change is null ? d : change(d));
    }

    private static ServiceItemDefinition Promised(ServiceItemDefinition d, Duration promised) =>
        d with { Item = d.Item with { TimeLimit = d.Item.TimeLimit! with { Promised = promised } } };

    private static CaseMigration Migrate(CaseDriver d, CompiledDefinition to, StateMapping? mapping = null, DateTimeOffset? at = null) =>
        Engine.Migrate(V1, to, d.State, mapping ?? StateMapping.Empty, Admin, at ?? d.Now);

    private static CaseState ReplayMigrated(CaseDriver d, CaseMigration m, CompiledDefinition to, IEnumerable<CaseEvent>? more = null) =>
        Engine.Replay(v => v == 1 ? V1 : to, to.Version, "case-1", [.. d.History, .. m.Events, .. more ?? []]);

    [Fact]
    public void SameStatesAndLimits_MovesCleanly_WithOneRecordedEvent()
    {
        var d = Started();
        d.Send("accept", Window);

        var m = Migrate(d, V2());

        m.Class.ShouldBe(MigrationClass.Clean);
        m.Consequences.ShouldBeEmpty();
        Types(m.Events).ShouldBe(["case-migrated"]);
        var e = m.Events[0];
        e.Actor.ShouldBe(Admin);
        e.Data.GetString("from").ShouldBe("QYKB-0001@1");
        e.Data.GetString("to").ShouldBe("QYKB-0001@2");
        m.NewState!.DefinitionVersion.ShouldBe(2);
        m.NewState.Timers.ShouldBe(d.State.Timers);
        m.NewState.Clock.ShouldBe(d.State.Clock);
        m.Version.ShouldBe(d.State.Version);
    }

    [Fact]
    public void ShortenedPromisedLimit_IsStated_DueTimeMoves_AndTheClockCarriesOver()
    {
        var d = Started();
        d.Send("accept", Window);
        var before = d.Timer(TimerKind.CaseRed);
        var to = V2(x => Promised(x, Duration.WorkingDays(0.25m)));

        var m = Migrate(d, to, at: Monday.AddMinutes(30));

        m.Class.ShouldBe(MigrationClass.WithConsequences);
        m.Consequences.Select(c => c.Kind).ShouldContain("limit");
        m.Consequences.ShouldContain(c => c.Kind == "deadline" && c.Text.StartsWith("承诺时限的到期时间由", StringComparison.Ordinal));
        var red = m.NewState!.Timers.Single(t => t.Kind == TimerKind.CaseRed);
        red.Due.ShouldBeLessThan(before.Due);
        red.Due.ShouldBe(Monday.AddHours(1.75));
        m.NewState.Clock.AcceptedAt.ShouldBe(d.State.Clock.AcceptedAt);
        Engine.Clock(to, m.NewState, Monday.AddMinutes(30)).Elapsed.ShouldBe(TimeSpan.FromMinutes(30));
        Types(m.Events).ShouldContain(CaseEventTypes.TimerCancelled);
        ReplayMigrated(d, m, to).ShouldBe(m.NewState);
    }

    [Fact]
    public void LimitAlreadyPassedUnderTheShortenedLimit_FallsDueAtTheMigration()
    {
        var d = Started();
        d.Send("accept", Window);
        var at = Monday.AddHours(2);
        var to = V2(x => Promised(x, Duration.WorkingDays(0.1m)));

        var m = Migrate(d, to, at: at);

        m.Consequences.ShouldContain(c => c.Kind == "overdue");
        m.NewState!.Timers.Single(t => t.Kind == TimerKind.CaseRed).Due.ShouldBe(at);
    }

    [Fact]
    public void NewRequiredMaterial_IsListedAsMissing()
    {
        var d = Started();
        d.Send("accept", Window);
        var to = V2(x => x with { Materials = x.Materials.Append(new MaterialDefinition { Id = "bank-account", Name = "银行开户许可" }).ToArray() });

        var m = Migrate(d, to);

        m.Class.ShouldBe(MigrationClass.WithConsequences);
        m.Consequences.ShouldHaveSingleItem().Kind.ShouldBe("material-missing");
        m.Consequences[0].Text.ShouldBe("新增必需材料“银行开户许可”，迁移后缺少。");
        m.NewState!.Materials.Missing.ShouldBe(["bank-account"]);
        ReplayMigrated(d, m, to).ShouldBe(m.NewState);
    }

    [Fact]
    public void BranchDroppedAndBranchAdded_AreListed_AndTheNewBranchStartsAtItsInitialState()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Now = Monday.AddMinutes(10);
        var to = V2(x => x with
        {
            States = x.States.Select(s => s.Parallel is { } p ? s with { Parallel = p with
            {
                Branches = p.Branches.Where(b => b.Name != "social").Append(new BranchDefinition { Name = "seal", Department = "government-service", Title = "刻章", Use = "review" }).ToArray(),
            } } : s).ToArray(),
        });

        var m = Migrate(d, to);

        m.Consequences.Select(c => c.Kind).ShouldBe(["branch-added", "branch-dropped"], ignoreOrder: true);
        m.RegionsAfter.Select(r => r.ToString()).ShouldBe(["main=approval", "approval/market=reviewing", "approval/tax=reviewing", "approval/seal=reviewing"]);
        m.RegionsAfter.Single(r => r.Region == "approval/seal").EnteredAt.ShouldBe(d.Now);
        m.NewState!.Timers.ShouldNotContain(t => t.Region == "approval/social");
        ReplayMigrated(d, m, to).ShouldBe(m.NewState);
    }

    private static ServiceItemDefinition RenameCorrecting(ServiceItemDefinition x) => x with
    {
        States = x.States.Select(s => (s.Name == "correcting" ? s with { Name = "supplementing" } : s) with
        {
            Transitions = s.Transitions.Select(t => t.Target == "correcting" ? t with { Target = "supplementing" } : t).ToArray(),
        }).ToArray(),
    };

    [Fact]
    public void StateWithoutCounterpartOrMapping_CannotMove_WithTheReason()
    {
        var d = Started(submitted: ["application"]);
        d.Send("notify-missing", Window);

        var m = Migrate(d, V2(RenameCorrecting));

        m.Class.ShouldBe(MigrationClass.CannotMove);
        m.Reason.ShouldBe("主流程状态“correcting”在第 2 版中没有对应状态，也未声明映射。");
        m.ReasonEnglish.ShouldBe("The main state 'correcting' has no counterpart in version 2 and no mapping.");
        m.Events.ShouldBeEmpty();
        m.NewState.ShouldBeNull();
    }

    [Fact]
    public void DeclaredMapping_MovesTheState_KeepsItsEntryTimeAndDueTime()
    {
        var d = Started(submitted: ["application"]);
        d.Send("notify-missing", Window);
        var after = d.Timer(TimerKind.After);
        var to = V2(RenameCorrecting);

        var m = Migrate(d, to, StateMapping.Of([new("correcting", "supplementing")]));

        m.Class.ShouldBe(MigrationClass.WithConsequences);
        m.Consequences.ShouldHaveSingleItem().Kind.ShouldBe("state-mapped");
        m.NewState!.MainState.ShouldBe("supplementing");
        m.NewState.Regions[0].EnteredAt.ShouldBe(d.State.Regions[0].EnteredAt);
        var moved = m.NewState.Timers.ShouldHaveSingleItem();
        (moved.Kind, moved.State, moved.Due, moved.Target).ShouldBe((TimerKind.After, "supplementing", after.Due, "not-accepted"));
        m.Events[0].Data.GetMap("mapping")!.GetString("correcting").ShouldBe("supplementing");
        ReplayMigrated(d, m, to).ShouldBe(m.NewState);
    }

    [Fact]
    public void FinishedCase_NeverMoves()
    {
        var d = AtIssuing();
        d.Send("issue", Window);

        var m = Migrate(d, V2());

        m.Class.ShouldBe(MigrationClass.CannotMove);
        m.ReasonEnglish.ShouldBe("The case is finished (approved); a finished case never moves.");
    }

    [Fact]
    public void CaseOnAnotherVersion_CannotMove()
    {
        var d = Started();

        var m = Engine.Migrate(V2(), V2(), d.State, StateMapping.Empty, Admin, d.Now);

        m.Class.ShouldBe(MigrationClass.CannotMove);
        m.Reason.ShouldBe("办件按 QYKB-0001 第 1 版办理，不是 QYKB-0001 第 2 版。");
    }

    [Fact]
    public void MappingCheck_NamesEveryUnknownOrFinalState()
    {
        var mapping = StateMapping.Of([new("nowhere", "received"), new("correcting", "gone"), new("received", "issued"), new("approval/tax:reviewing", "reviewing")]);

        var errors = mapping.Check(V1, V2(RenameCorrecting));

        errors.Select(e => e.ToString()).ShouldBe(
        [
            "correcting: version 2 has no state 'gone' in main",
            "nowhere: version 1 has no state 'nowhere' in main",
            "received: 'issued' is a final state: a migration never finishes a case",
        ]);
        errors[1].Message.ShouldBe("第 1 版的主流程没有状态“nowhere”。");
    }

    [Fact]
    public void Replay_AfterMigrationAndLaterEvents_GivesTheSameState()
    {
        var d = Started();
        d.Send("accept", Window);
        var to = V2(x => Promised(x, Duration.WorkingDays(0.25m)));
        var m = Migrate(d, to);
        var state = m.NewState!;
        var later = new List<CaseEvent>();
        foreach (var (branch, actor) in new[] { ("market", Market), ("tax", Tax), ("social", Social) })
        {
            var accepted = Engine.Decide(to, state, Command.Send("approve", actor, branch: branch), d.Now).ShouldBeOfType<Accepted>();
            later.AddRange(accepted.Events);
            state = accepted.NewState;
        }

        state.MainState.ShouldBe("issuing");
        ReplayMigrated(d, m, to, later).ShouldBe(state);

        // The old version no longer decides for the case.
        Engine.Decide(V1, state, Command.Send("issue", Window), d.Now).ShouldBeOfType<Rejected>().Rejection.Code.ShouldBe(RejectionCodes.WrongVersion);
    }

    [Fact]
    public void PausedCase_KeepsItsOpenPauseAndProcedureDueTime_AndGoesOnOnTheNewVersion()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Now = Monday.AddHours(1);
        d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));
        var max = d.Timer(TimerKind.ProcedureMax);
        d.Now = Monday.AddHours(2);

        var m = Migrate(d, V2());

        m.Class.ShouldBe(MigrationClass.Clean);
        m.NewState!.Clock.ShouldBe(d.State.Clock);
        m.NewState.Clock.Paused.ShouldBeTrue();
        m.NewState.Timers.ShouldContain(max);
        var ended = Engine.Decide(V2(), m.NewState, Command.Send("procedure-end", Market, payload: Payload(("procedure", "name-verification"))), d.Now.AddHours(1)).ShouldBeOfType<Accepted>();
        ended.NewState.Clock.Paused.ShouldBeFalse();
        ReplayMigrated(d, m, V2(), ended.Events).ShouldBe(ended.NewState);
    }

    private static ServiceItemDefinition RenameReviewing(ServiceItemDefinition x) => x with
    {
        Fragments = x.Fragments.Select(f => f with
        {
            States = f.States.Select(s => s.Name == "reviewing" ? s with { Name = "checking" } : s).ToArray(),
        }).ToArray(),
    };

    [Fact]
    public void BranchStates_MapByRegion_AndABranchWithoutAMappingCannotMove()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Send("approve", Market, branch: "market");
        var to = V2(RenameReviewing);

        var blocked = Migrate(d, to, StateMapping.Of([new("approval/tax:reviewing", "checking")]));

        blocked.Class.ShouldBe(MigrationClass.CannotMove);
        blocked.Reason.ShouldBe("分支 approval/social 的状态“reviewing”在第 2 版中没有对应状态，也未声明映射。");

        var m = Migrate(d, to, StateMapping.Of([new("approval/tax:reviewing", "checking"), new("approval/social:reviewing", "checking")]));

        m.Class.ShouldBe(MigrationClass.WithConsequences);
        m.Consequences.Select(c => c.Kind).ShouldBe(["state-mapped", "state-mapped"]);
        m.RegionsAfter.Select(r => r.ToString()).ShouldBe(["main=approval", "approval/market=approved", "approval/tax=checking", "approval/social=checking"]);
        m.NewState!.Timers.Where(t => t.Kind == TimerKind.BranchLimit).ShouldBe(d.State.Timers.Where(t => t.Kind == TimerKind.BranchLimit));
        ReplayMigrated(d, m, to).ShouldBe(m.NewState);
    }

    /// <summary>Version 2 adds a site-inspection branch whose first state opens an obligation (with a notice) and asks for shared data.</summary>
    private static ServiceItemDefinition AddInspection(ServiceItemDefinition x) => x with
    {
        Obligations = new[] { new ObligationDefinition { Id = "site-check", Name = "现场核查", Within = Duration.WorkingDays(2) } },
        Notify = x.Notify.Append(new NotificationRule { Kind = NotificationTriggerKind.Obligation, Subject = "site-check", Phase = "opened", To = "lead", Template = "warning" }).ToArray(),
        States = x.States.Select(s => s.Parallel is { } p ? s with { Parallel = p with
        {
            Branches = p.Branches.Append(new BranchDefinition
            {
                Name = "inspection", Department = "market-regulation", Title = "现场核查", Limit = Duration.WorkingHours(3),
                States = new[]
                {
                    new StateDefinition { Name = "inspecting", Title = "核查中", Initial = true, Opens = new[] { "site-check" }, Fetch = new[] { "population.id-card" }, Transitions = new[] { TestDefinitions.On("approve", "approved") } },
                    new StateDefinition { Name = "approved", Title = "核查通过", Final = true, Outcome = "approved" },
                },
            }).ToArray(),
        } } : s).ToArray(),
    };

    [Fact]
    public void AddedBranch_RunsItsEntryActions_AtTheMigration_InTheSameEvents_AndListsThem()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Now = Monday.AddMinutes(10);
        var to = V2(AddInspection);

        var m = Migrate(d, to);

        m.Class.ShouldBe(MigrationClass.WithConsequences);
        m.Consequences.Select(c => c.Kind).Distinct().ShouldBe(["branch-added", "obligation-opened", "fetch-requested", "deadline"], ignoreOrder: true);
        m.Consequences.Single(c => c.Kind == "obligation-opened").Text.ShouldStartWith("新增分支“现场核查”迁移时开启义务“现场核查”，期限至 ");
        Types(m.Events)[0].ShouldBe(CaseEventTypes.CaseMigrated);
        Types(m.Events).ShouldContain(CaseEventTypes.ObligationOpened);
        Types(m.Events).ShouldContain(CaseEventTypes.Notification);
        Types(m.Events).ShouldContain(CaseEventTypes.FetchRequested);
        m.Events.Single(e => e.Type == CaseEventTypes.FetchRequested).Region.ShouldBe("approval/inspection");
        var site = m.NewState!.OpenObligation("site-check").ShouldNotBeNull();
        site.Opened.ShouldBe(d.Now);
        site.Due.ShouldBeGreaterThan(d.Now);
        m.NewState.Timers.ShouldContain(t => t.Kind == TimerKind.ObligationDue && t.Target == "site-check" && t.Due == site.Due);
        m.NewState.Timers.ShouldContain(t => t.Kind == TimerKind.BranchLimit && t.Region == "approval/inspection");

        // The branch now works like one entered by a transition: approving it lets the join go on.
        ReplayMigrated(d, m, to).ShouldBe(m.NewState);
        var state = m.NewState;
        foreach (var (branch, actor) in new[] { ("market", Market), ("tax", Tax), ("social", Social), ("inspection", Market) })
        {
            state = Engine.Decide(to, state, Command.Send("approve", actor, branch: branch), d.Now).ShouldBeOfType<Accepted>().NewState;
        }

        state.MainState.ShouldBe("issuing");
    }

    [Fact]
    public void MappedState_IsNotEnteredAgain_ItsEntryActionsDoNotRunTwice()
    {
        var d = Started(submitted: ["application"]);
        d.Send("notify-missing", Window);
        var to = V2(RenameCorrecting);

        var m = Migrate(d, to, StateMapping.Of([new("correcting", "supplementing")]));

        // correcting notified the applicant when it was entered; the renamed state is the same step, not a new entry.
        Types(m.Events).ShouldNotContain(CaseEventTypes.Notification);
        m.NewState!.Regions[0].EnteredAt.ShouldBe(d.State.Regions[0].EnteredAt);
    }
}
