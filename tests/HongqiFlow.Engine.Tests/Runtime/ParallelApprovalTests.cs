using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class ParallelApprovalTests
{
    [Fact]
    public void Approve_AllThreeBranches_JoinsAllAndMovesToIssuing()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Send("approve", Market, branch: "market");
        d.Now = Monday.AddHours(1);
        var tax = d.Send("approve", Tax);

        var last = d.Send("approve", Social, branch: "social");

        Types(tax).ShouldBe(["approve"]);
        d.History.Last(e => e.Type == "approve" && e.Region == "approval/tax").Regions[2].ShouldBe(new RegionState("approval/tax", "approved", Monday.AddHours(1)));
        Types(last).ShouldBe(["approve", "joined"]);
        last[1].Data.ShouldBe(ValueMap.Of(("join", "all"), ("approved", new[] { "market", "tax", "social" }), ("refused", Array.Empty<string>()), ("result", "approved")));
        d.State.Regions.ShouldBe(Regions(("main", "issuing", Monday.AddHours(1))));
        d.State.Timers.Select(t => t.Kind).ShouldBe([TimerKind.CaseYellow, TimerKind.CaseRed, TimerKind.StatutoryLimit]);
    }

    [Fact]
    public void Approve_WithoutBranch_PicksTheActorsOwnBranch()
    {
        var d = Started();
        d.Send("accept", Window);

        var events = d.Send("approve", Tax);

        events.Single().Region.ShouldBe("approval/tax");
        d.State.Region("approval/tax")!.State.ShouldBe("approved");
        d.State.Region("approval/market")!.State.ShouldBe("reviewing");
    }

    [Fact]
    public void Approve_DepartmentOnAnotherDepartmentsBranch_IsRejectedWithHQ6006()
    {
        var d = Started();
        d.Send("accept", Window);

        var rejection = d.Refuse("approve", Tax, branch: "market");

        rejection.Code.ShouldBe("HQ6006");
        rejection.Reason.ShouldBe("“营业执照”由市场监督管理局办理，税务局不能操作其他部门的分支。");
        rejection.ReasonEnglish.ShouldBe("Branch 'market' belongs to market-regulation; tax may act only on its own branch.");
        rejection.Permitted.ShouldBe([new PermittedEvent("approve", "approval/tax", "approved"), new PermittedEvent("reject", "approval/tax", "rejected"), new PermittedEvent("procedure-start", "main", null)]);
    }

    [Fact]
    public void Approve_ByWindowInABranch_IsRejectedBecauseBranchesBelongToTheirDepartment()
    {
        var d = Started();
        d.Send("accept", Window);

        var rejection = d.Refuse("approve", Window, branch: "tax");

        rejection.Code.ShouldBe("HQ6005");
        rejection.Reason.ShouldBe("“approve”只能由department:tax操作，当前操作人是window。");
    }

    [Fact]
    public void Approve_BranchAlreadyDecided_IsRejectedWithTheBranchState()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Send("approve", Tax);

        var rejection = d.Refuse("approve", Tax, branch: "tax");

        rejection.Code.ShouldBe("HQ6004");
        rejection.Reason.ShouldBe("分支“tax”当前处于“同意”，不能“approve”。");
    }

    [Fact]
    public void Approve_AfterTheJoin_IsRejectedAsBranchClosed()
    {
        var d = AtIssuing();

        var rejection = d.Refuse("reject", Tax, branch: "tax");

        rejection.Code.ShouldBe("HQ6008");
        rejection.ReasonEnglish.ShouldBe("The parallel state 'approval' is not active (already joined or not yet entered); branch 'tax' no longer accepts 'reject'.");
    }

    [Fact]
    public void Reject_OneBranchWithJoinAllAndRefusalEnd_EndsTheCaseRejected()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Send("approve", Market);

        var events = d.Send("reject", Social);

        Types(events).ShouldBe(["reject", "joined", "clock-stopped"]);
        events[1].Data.GetString("result").ShouldBe("rejected");
        events[1].Data.GetStrings("refused").ShouldBe(["social"]);
        d.State.Regions.ShouldBe(Regions(("main", "rejected", Monday)));
        d.State.Outcome.ShouldBe("rejected");
    }

    [Fact]
    public void Approve_JoinAny_FirstApprovalJoinsAndLaterBranchEventsAreClosed()
    {
        var d = Started(TestDefinitions.Compile(TestDefinitions.WithParallel(p => p with { Join = new JoinPolicy { Kind = JoinKind.Any } })));
        d.Send("accept", Window);

        var events = d.Send("approve", Social);

        Types(events).ShouldBe(["approve", "joined"]);
        d.State.MainState.ShouldBe("issuing");
        d.Refuse("approve", Tax).Code.ShouldBe("HQ6008");
    }

    [Fact]
    public void Approve_JoinAtLeastTwo_OneRefusalStillJoinsOnTheSecondApproval()
    {
        var d = Started(TestDefinitions.Compile(TestDefinitions.WithParallel(p => p with { Join = new JoinPolicy { Kind = JoinKind.AtLeast, Count = 2 } })));
        d.Send("accept", Window);
        Types(d.Send("reject", Market)).ShouldBe(["reject"]);
        Types(d.Send("approve", Tax)).ShouldBe(["approve"]);

        var events = d.Send("approve", Social);

        Types(events).ShouldBe(["approve", "joined"]);
        events[1].Data.GetStrings("approved").ShouldBe(["tax", "social"]);
        events[1].Data.GetStrings("refused").ShouldBe(["market"]);
        d.State.MainState.ShouldBe("issuing");
    }

    [Fact]
    public void Reject_RefusalSuspend_PausesTheCaseUntilTheLeadReopensRefusedBranches()
    {
        var d = Started(TestDefinitions.Compile(TestDefinitions.WithParallel(p => p with { OnReject = new RefusalPolicy { Kind = RefusalKind.Suspend } })));
        d.Send("accept", Window);
        d.Send("approve", Market);
        d.Now = Monday.AddHours(1);

        var refused = d.Send("reject", Tax);

        Types(refused).ShouldBe(["reject", "suspended", "clock-paused"]);
        d.State.Suspended.ShouldBeTrue();
        d.State.Clock.OpenPause!.Reason.ShouldBe("suspended");
        d.Refuse("reopen-branches", Tax).Code.ShouldBe("HQ6005");
        Engine.PermittedEvents(d.Definition, d.State, MarketLead, d.Now).Select(p => p.Event).ShouldContain("reopen-branches");

        d.Now = Monday.AddHours(2);
        var reopened = d.Send("reopen-branches", MarketLead);

        Types(reopened).ShouldBe(["reopen-branches", "clock-resumed"]);
        reopened[0].Data.GetStrings("branches").ShouldBe(["tax"]);
        d.State.Suspended.ShouldBeFalse();
        d.State.Region("approval/tax")!.ShouldBe(new RegionState("approval/tax", "reviewing", Monday.AddHours(2)));
        d.State.Region("approval/market")!.State.ShouldBe("approved");
        d.Send("approve", Tax);
        Types(d.Send("approve", Social)).ShouldBe(["approve", "joined"]);
        Engine.Clock(d.Definition, d.State, Monday.AddHours(2)).Elapsed.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void ReopenBranches_WhenNotSuspended_IsRejectedWithHQ6060()
    {
        var d = Started();
        d.Send("accept", Window);

        d.Refuse("reopen-branches", MarketLead).Code.ShouldBe("HQ6060");
    }

    [Fact]
    public void BranchLimit_TaxTimesOutWithDeemedApproval_RedWarningAndBranchApproved()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Send("approve", Market);
        d.Send("approve", Social);

        var events = d.Fire(TimerKind.BranchLimit, "approval/tax");

        Types(events).ShouldBe(["timer", "warning", "branch-deemed", "joined"]);
        events[1].Data.ShouldBe(ValueMap.Of(("level", "red"), ("scope", "approval/tax")));
        events[2].Regions[2].ShouldBe(new RegionState("approval/tax", "approved", Monday.AddHours(3)));
        d.State.MainState.ShouldBe("issuing");
        d.State.Warnings.ShouldBe([new CaseWarning(WarningLevel.Red, "approval/tax", Monday.AddHours(3))]);
    }

    [Fact]
    public void BranchLimit_MarketTimesOutWithoutDeemedApproval_OnlyWarnsYellowThenRed()
    {
        var d = Started();
        d.Send("accept", Window);

        Types(d.Fire(TimerKind.BranchWarning, "approval/market")).ShouldBe(["timer", "warning"]);
        Types(d.Fire(TimerKind.BranchLimit, "approval/market")).ShouldBe(["timer", "warning"]);

        d.State.Region("approval/market")!.State.ShouldBe("reviewing");
        d.State.Warnings.Where(w => w.Scope == "approval/market").Select(w => w.Level).ShouldBe([WarningLevel.Yellow, WarningLevel.Red]);
    }

    [Fact]
    public void BranchTimer_AfterBranchDecided_IsStaleAndIgnored()
    {
        var d = Started();
        d.Send("accept", Window);
        var limit = d.Timer(TimerKind.BranchLimit, "approval/tax");
        d.Send("approve", Tax);
        d.Now = limit.Due;
        var before = d.State;

        var decision = Engine.Decide(d.Definition, d.State, Command.FireTimer(limit.Id), d.Now);

        var accepted = decision.ShouldBeOfType<Accepted>();
        accepted.Events.ShouldBeEmpty();
        accepted.NewState.ShouldBe(before);
        d.State.Timers.ShouldNotContain(t => t.Region == "approval/tax");
    }

    [Fact]
    public void Approve_DepartmentOwningTwoBranchesWithoutNamingOne_IsRejectedAsAmbiguous()
    {
        var definition = TestDefinitions.WithParallel(p => p with
        {
            Branches = new(p.Branches.Append(new BranchDefinition { Name = "seal", Department = "market-regulation", Title = "公章刻制", Use = "review" })),
        });
        var d = Started(TestDefinitions.Compile(definition));
        d.Send("accept", Window);

        var rejection = d.Refuse("approve", Market);

        rejection.Code.ShouldBe("HQ6007");
        rejection.Reason.ShouldBe("“approve”可用于多个分支（market、seal），请指明分支。");
        d.Send("approve", Market, branch: "seal").Single().Region.ShouldBe("approval/seal");
    }
}
