using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using HongqiFlow.Time;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class AcceptanceTests
{
    [Fact]
    public void Start_NewCase_RecordsApplicationInReceivedStateWithoutStartingTheClock()
    {
        var d = new CaseDriver(TestDefinitions.Compile());

        var events = d.Start(["application", "articles"], ZhangSan, Channel.Online);

        Types(events).ShouldBe(["case-started"]);
        events[0].Regions.ShouldBe(Regions(("main", "received", Monday)));
        events[0].Channel.ShouldBe(Channel.Online);
        events[0].Actor.ShouldBe(Window);
        d.State.Receipt.ShouldBe("QYKB-20240923-0001");
        d.State.MainState.ShouldBe("received");
        d.State.Materials.Missing.ShouldBe(["premises", "shareholder-resolution"]);
        d.State.Clock.Started.ShouldBeFalse();
        d.State.Version.ShouldBe(1);
    }

    [Fact]
    public void Start_CaseAlreadyStarted_IsRejectedWithHQ6002()
    {
        var d = Started();

        var decision = Engine.Decide(d.Definition, d.State,
            Command.StartCase(new CaseStart { CaseId = "case-1", Receipt = "R2", Applicant = ZhangSan }, Window), d.Now);

        var rejection = decision.ShouldBeOfType<Rejected>().Rejection;
        rejection.Code.ShouldBe("HQ6002");
        rejection.Reason.ShouldBe("办件 QYKB-20240923-0001 已收件，不能重复收件。");
    }

    [Fact]
    public void Decide_EventBeforeStart_IsRejectedAndOnlyStartIsPermitted()
    {
        var d = new CaseDriver(TestDefinitions.Compile());

        var rejection = d.Refuse("accept", Window);

        rejection.Code.ShouldBe("HQ6001");
        rejection.ReasonEnglish.ShouldBe("The case has not been started; send start first.");
        rejection.Permitted.ShouldBe([new PermittedEvent("start", "main", "received")]);
    }

    [Fact]
    public void Accept_AllMaterials_EntersParallelApprovalStartsClockAndArmsDueTimes()
    {
        var d = Started();

        var events = d.Send("accept", Window);

        Types(events).ShouldBe([
            "accept", "clock-started", "timer-set", "timer-set", "timer-set",
            "timer-set", "timer-set", "timer-set", "timer-set", "timer-set", "timer-set",
        ]);
        d.State.Regions.ShouldBe(Regions(
            ("main", "approval", Monday), ("approval/market", "reviewing", Monday),
            ("approval/tax", "reviewing", Monday), ("approval/social", "reviewing", Monday)));
        d.State.Clock.AcceptedAt.ShouldBe(Monday);
        d.Timer(TimerKind.CaseYellow).Due.ShouldBe(Monday.AddHours(2.625));
        d.Timer(TimerKind.CaseRed).Due.ShouldBe(Monday.AddHours(4.5)); // 3.5 working hours, over the lunch break
        d.Timer(TimerKind.StatutoryLimit).Due.ShouldBe(new DateTimeOffset(2024, 10, 4, 13, 30, 0, TimeSpan.FromHours(8))); // 8 whole days from Tue 09-24, then 3.5wh
        d.Timer(TimerKind.BranchLimit, "approval/tax").Due.ShouldBe(Monday.AddHours(3));
        d.Timer(TimerKind.BranchWarning, "approval/tax").Due.ShouldBe(Monday.AddHours(2.25));
    }

    [Fact]
    public void Accept_MaterialsMissing_GuardRejectsWithItsLocationAndTheMissingMaterials()
    {
        var d = Started(submitted: ["application", "articles", "premises"]);

        var rejection = d.Refuse("accept", Window);

        rejection.Code.ShouldBe("HQ6010");
        rejection.Reason.ShouldBe("“accept”的条件不满足：missing.length === 0（缺少材料：股东会决议）。");
        rejection.ReasonEnglish.ShouldBe("The condition of 'accept' does not hold: missing.length === 0 (missing: shareholder-resolution).");
        rejection.Location.Line.ShouldBe(42);
        rejection.Location.Path.ShouldBe("/states/received/on/accept/when");
        // 股东会决议 may be tolerated but not replaced by a pledge, so only tolerance is offered.
        rejection.Permitted.Select(p => p.Event).ShouldBe(["accept-tolerated", "notify-missing", "withdraw", "supplement"]);
    }

    [Fact]
    public void PermittedEvents_CompleteApplication_OffersNoToleranceButStillCommitment()
    {
        var d = Started();

        Engine.PermittedEvents(d.Definition, d.State, Window, d.Now).Select(p => p.Event)
            .ShouldBe(["accept", "accept-committed", "notify-missing", "withdraw", "supplement"]);
    }

    [Fact]
    public void Accept_ByApplicant_IsRejectedBecauseOnlyTheWindowAccepts()
    {
        var d = Started();

        var rejection = d.Refuse("accept", ApplicantActor);

        rejection.Code.ShouldBe("HQ6005");
        rejection.Reason.ShouldBe("“accept”只能由window操作，当前操作人是applicant。");
        rejection.Permitted.Select(p => p.Event).ShouldBe(["withdraw", "supplement"]);
    }

    [Fact]
    public void Decide_UnknownEvent_IsRejectedWithHQ6003()
    {
        var rejection = Started().Refuse("stamp", Window);

        rejection.Code.ShouldBe("HQ6003");
        rejection.Reason.ShouldBe("本事项没有“stamp”这一操作。");
    }

    [Fact]
    public void Decide_EventOfAnotherState_IsRejectedWithTheCurrentStateTitle()
    {
        var rejection = Started().Refuse("issue", Window);

        rejection.Code.ShouldBe("HQ6004");
        rejection.Reason.ShouldBe("办件当前处于“收件”，不能“issue”。");
    }

    [Fact]
    public void Withdraw_ByApplicantOnline_EndsCaseWithOutcomeAndRecordsChannel()
    {
        var d = Started();

        var events = d.Send("withdraw", ApplicantActor, channel: Channel.Online);

        Types(events).ShouldBe(["withdraw", "clock-stopped"]);
        events[0].Channel.ShouldBe(Channel.Online);
        events[0].Actor.ShouldBe(ApplicantActor);
        d.State.Outcome.ShouldBe("withdrawn");
    }

    [Fact]
    public void Decide_AfterFinal_IsRejectedAsFinished()
    {
        var d = Started();
        d.Send("withdraw", ApplicantActor);

        var rejection = d.Refuse("accept", Window);

        rejection.Code.ShouldBe("HQ6012");
        rejection.Reason.ShouldBe("办件已办结（withdrawn），不能再“accept”。");
    }

    [Fact]
    public void Decide_SameIdempotencyKeyTwice_SecondIsAcceptedWithoutEvents()
    {
        var d = Started();
        d.Send("accept", Window, key: "k-accept");
        var before = d.State;

        var decision = Engine.Decide(d.Definition, d.State, Command.Send("accept", Window, idempotencyKey: "k-accept"), d.Now);

        var accepted = decision.ShouldBeOfType<Accepted>();
        accepted.Events.ShouldBeEmpty();
        accepted.NewState.ShouldBe(before);
    }

    [Fact]
    public void Decide_CaseOnOtherVersion_IsRejectedSoTheCaseStaysOnItsVersion()
    {
        var d = Started();
        var v2 = TestDefinitions.Compile(TestDefinitions.Enterprise() with { Item = TestDefinitions.Enterprise().Item with { Version = 2 } });

        var decision = Engine.Decide(v2, d.State, Command.Send("accept", Window), d.Now);

        var rejection = decision.ShouldBeOfType<Rejected>().Rejection;
        rejection.Code.ShouldBe("HQ6013");
        rejection.Reason.ShouldBe("办件按 QYKB-0001 第 1 版受理，不能按第 2 版办理。");
    }
}
