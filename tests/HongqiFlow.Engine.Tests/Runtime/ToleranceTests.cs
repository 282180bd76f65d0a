using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class ToleranceTests
{
    // 5wd from Monday 09-23: the day of acceptance is not counted, so the fifth working day is Monday 09-30.
    private static readonly DateTimeOffset SupplementDue = new(2024, 9, 30, 17, 0, 0, TimeSpan.FromHours(8));

    private static CaseDriver ToleratedAtIssuing()
    {
        var d = Started(submitted: ["application", "articles", "premises"]);
        d.Send("accept-tolerated", Window);
        d.Send("approve", Market);
        d.Send("approve", Tax);
        d.Send("approve", Social);
        return d;
    }

    [Fact]
    public void AcceptTolerated_OneTolerableMaterialMissing_OpensSupplementDueInFiveWorkingDaysAndNotifies()
    {
        var d = Started(submitted: ["application", "articles", "premises"]);

        var events = d.Send("accept-tolerated", Window);

        Types(events).Take(6).ShouldBe(["accept-tolerated", "materials-tolerated", "obligation-opened", "timer-set", "notification", "clock-started"]);
        d.State.Materials.Tolerated.ShouldBe(["shareholder-resolution"]);
        d.State.Materials.Missing.ShouldBeEmpty();
        d.State.Obligations.ShouldBe([new Obligation("supplement", ObligationKind.Supplement, Monday, SupplementDue, ObligationStatus.Open,
            ValueMap.Of(("materials", new[] { "shareholder-resolution" })))]);
        d.Timer(TimerKind.ObligationDue).ShouldBe(new DueTimer("obligation-due:case:supplement:5", TimerKind.ObligationDue, SupplementDue, "case", null, "supplement"));
        events[4].Data.GetString("body").ShouldBe("张三：您申请的“企业开办”已容缺受理，请于 2024-09-30 17:00 前补齐：股东会决议。逾期未补齐的，办件将终止。");
        events[4].Data.GetString("recipient").ShouldBe("applicant");
    }

    [Fact]
    public void AcceptTolerated_CoreMaterialMissing_IsRejectedWithHQ6021()
    {
        var d = Started(submitted: ["application", "premises", "shareholder-resolution"]);

        var rejection = d.Refuse("accept-tolerated", Window);

        rejection.Code.ShouldBe("HQ6021");
        rejection.Reason.ShouldBe("缺少的材料不可容缺：公司章程（主要材料或未列入容缺清单的材料必须提交）。");
    }

    [Fact]
    public void AcceptTolerated_MoreMissingThanTheCap_IsRejectedWithHQ6022()
    {
        var d = Started(submitted: ["application", "articles"]);

        var rejection = d.Refuse("accept-tolerated", Window);

        rejection.Code.ShouldBe("HQ6022");
        rejection.Reason.ShouldBe("缺少 2 项材料（住所（经营场所）使用证明、股东会决议），超过容缺上限 1 项。");
    }

    [Fact]
    public void AcceptTolerated_ApplicantWithBadCredit_IsRejectedWithHQ6023()
    {
        var d = Started(submitted: ["application", "articles", "premises"], applicant: ZhangSan with { BadCredit = true });

        var rejection = d.Refuse("accept-tolerated", Window);

        rejection.Code.ShouldBe("HQ6023");
        rejection.Reason.ShouldBe("申请人有失信记录，不适用容缺受理。");
    }

    [Fact]
    public void AcceptTolerated_ItemWithoutToleranceRule_IsRejectedWithHQ6020()
    {
        var d = Started(TestDefinitions.Compile(TestDefinitions.Enterprise() with { Tolerance = null }), submitted: ["application", "articles", "premises"]);

        d.Refuse("accept-tolerated", Window).Code.ShouldBe("HQ6020");
    }

    [Fact]
    public void AcceptTolerated_NothingMissing_IsRejectedWithHQ6024()
    {
        Started().Refuse("accept-tolerated", Window).Code.ShouldBe("HQ6024");
    }

    [Fact]
    public void Issue_WhileSupplementOpen_IsRejectedByTheBuiltInCheck()
    {
        var d = ToleratedAtIssuing();

        var rejection = d.Refuse("issue", Window);

        rejection.Code.ShouldBe("HQ6033");
        rejection.Reason.ShouldBe("容缺材料（股东会决议）尚未补齐，补齐前不能出具办理结果。");
        rejection.Permitted.Select(p => p.Event).ShouldBe(["supplement"]);
    }

    [Fact]
    public void Supplement_TheToleratedMaterial_FulfilsTheObligationAndIssuingProceeds()
    {
        var d = ToleratedAtIssuing();
        d.Now = Monday.AddHours(2);

        var supplied = d.Send("supplement", ApplicantActor, Payload(("materials", new[] { "shareholder-resolution" })), channel: Channel.Online);
        var issued = d.Send("issue", Window);

        Types(supplied).ShouldBe(["supplement", "obligation-fulfilled"]);
        d.State.Obligations.Single().Status.ShouldBe(ObligationStatus.Fulfilled);
        d.State.Materials.Tolerated.ShouldBeEmpty();
        d.State.Materials.Submitted.ShouldBe(["application", "articles", "premises", "shareholder-resolution"]);
        Types(issued).ShouldBe(["issue", "clock-stopped", "notification"]);
        d.State.Outcome.ShouldBe("approved");
        d.State.Timers.ShouldBeEmpty();
    }

    [Fact]
    public void SupplementDeadline_Passed_TerminatesTheCase()
    {
        var d = ToleratedAtIssuing();

        var events = d.Fire(TimerKind.ObligationDue);

        Types(events).ShouldBe(["timer", "obligation-breached", "clock-stopped"]);
        events[1].Regions.ShouldBe(Regions(("main", "terminated", SupplementDue)));
        d.State.Outcome.ShouldBe("terminated");
        d.State.Obligations.Single().Status.ShouldBe(ObligationStatus.Breached);
    }
}
