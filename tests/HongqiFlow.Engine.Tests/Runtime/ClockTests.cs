using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using HongqiFlow.Time;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class ClockTests
{
    private static readonly DateTimeOffset Tuesday = Monday.AddDays(1);

    [Fact]
    public void Clock_CorrectionBeforeAcceptance_DoesNotCount()
    {
        var d = Started(submitted: ["application", "articles", "shareholder-resolution"]);
        d.Send("notify-missing", Window);
        d.Now = Tuesday;
        d.Send("supplement", ApplicantActor, Payload(("materials", new[] { "premises" })));
        d.Send("resubmit", ApplicantActor);
        d.Send("accept", Window);

        var report = Engine.Clock(d.Definition, d.State, Tuesday.AddHours(1));

        d.State.Clock.AcceptedAt.ShouldBe(Tuesday);
        // The 0.5wd promised limit counts from acceptance; the 8.5wd statutory one from Wednesday, the next working day.
        report.ShouldBe(new ClockReport(true, false, false, TimeSpan.FromHours(1), TimeSpan.FromHours(3.5), TimeSpan.FromHours(59.5),
            TimeSpan.FromHours(2.5), TimeSpan.FromHours(59.5)));
    }

    [Fact]
    public void ProcedureStart_DeclaredProcedure_PausesUntilProcedureEnd()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Now = Monday.AddHours(1);

        var paused = d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));
        d.Now = Tuesday.AddHours(1);
        var resumed = d.Send("procedure-end", Market);

        Types(paused).ShouldBe(["procedure-start", "clock-paused", "timer-set"]);
        Types(resumed).ShouldBe(["procedure-end", "clock-resumed"]);
        d.State.Clock.Pauses.ShouldBe([new PauseInterval(Monday.AddHours(1), Tuesday.AddHours(1), "name-verification")]);
        Engine.Clock(d.Definition, d.State, Tuesday.AddHours(2)).Elapsed.ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void ProcedureStart_UndeclaredProcedure_IsRefusedAndListsTheDeclaredOnes()
    {
        var d = Started();
        d.Send("accept", Window);

        var rejection = d.Refuse("procedure-start", Market, Payload(("procedure", "expert-review")));

        rejection.Code.ShouldBe("HQ6040");
        rejection.Reason.ShouldBe("“expert-review”不是本事项公布的特别程序，不能暂停计时。本事项的特别程序：name-verification（企业名称争议核查）。");
        d.State.Clock.Paused.ShouldBeFalse();
    }

    [Fact]
    public void ProcedureStart_BeforeAcceptance_IsRefusedBecauseTheClockHasNotStarted()
    {
        var rejection = Started().Refuse("procedure-start", MarketLead, Payload(("procedure", "name-verification")));

        rejection.Code.ShouldBe("HQ6041");
        rejection.Reason.ShouldBe("现在不能启动特别程序：办件尚未受理，计时未开始。");
    }

    [Fact]
    public void ProcedureEnd_NoProcedureRunning_IsRefusedWithHQ6042()
    {
        var d = Started();
        d.Send("accept", Window);

        d.Refuse("procedure-end", Market).Code.ShouldBe("HQ6042");
    }

    [Fact]
    public void Clock_StateWaitingOnApplicant_PausesAndResumesOnLeaving()
    {
        var definition = TestDefinitions.Enterprise();
        definition = definition with
        {
            States = new(definition.States.Select(s => s.Name == "issuing"
                ? s with { Transitions = new(s.Transitions.Append(TestDefinitions.On("ask-applicant", "waiting", "window"))) }
                : s).Append(new StateDefinition
                {
                    Name = "waiting", Clock = ClockMode.WaitingApplicant,
                    Transitions = new[] { TestDefinitions.On("answer", "issuing", "applicant") },
                })),
        };
        var d = AtIssuing(TestDefinitions.Compile(definition));
        d.Now = Monday.AddHours(1);

        Types(d.Send("ask-applicant", Window)).ShouldBe(["ask-applicant", "clock-paused"]);
        d.Now = Tuesday.AddHours(1);
        Types(d.Send("answer", ApplicantActor)).ShouldBe(["answer", "clock-resumed"]);

        d.State.Clock.Pauses.ShouldBe([new PauseInterval(Monday.AddHours(1), Tuesday.AddHours(1), "waiting-applicant")]);
        Engine.Clock(d.Definition, d.State, Tuesday.AddHours(2)).Elapsed.ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void CaseWarnings_YellowAtWarnAtThenRedAtThePromisedLimit_RedNotifiesTheLead()
    {
        var d = Started();
        d.Send("accept", Window);

        var yellow = d.Fire(TimerKind.CaseYellow);
        var red = d.Fire(TimerKind.CaseRed);

        Types(yellow).ShouldBe(["timer", "warning"]);
        Types(red).ShouldBe(["timer", "warning", "notification"]);
        d.State.Warnings.Where(w => w.Scope == "case").ShouldBe([
            new CaseWarning(WarningLevel.Yellow, "case", Monday.AddHours(2.625)),
            new CaseWarning(WarningLevel.Red, "case", Monday.AddHours(4.5))]);
        red[2].Data.GetString("recipient").ShouldBe("department:market-regulation");
        red[2].Data.GetString("body").ShouldBe("办件 QYKB-20240923-0001（企业开办）已红色预警，剩余 0 分钟。");
        var report = Engine.Clock(d.Definition, d.State, Monday.AddHours(5.5));
        report.RemainingPromised.ShouldBe(TimeSpan.FromHours(-1));
        report.OverduePromised.ShouldBeTrue();
        report.OverdueStatutory.ShouldBeFalse();
    }

    [Fact]
    public void CaseYellow_DueWhileThePauseDelayedIt_IsParkedInsteadOfWarning_AndArmedAtTheResume()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Now = Monday.AddHours(0.5);
        d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));

        var events = d.Fire(TimerKind.CaseYellow);

        Types(events).ShouldBe(["timer"]);
        d.State.Warnings.ShouldBeEmpty();
        d.State.Timers.ShouldNotContain(t => t.Kind == TimerKind.CaseYellow);

        // The procedure ends at 11:00 the next day: 2.125 working hours still to go, 1 before lunch, 1.125 after.
        d.Now = new DateTimeOffset(2024, 9, 24, 11, 0, 0, TimeSpan.FromHours(8));
        d.Send("procedure-end", Market);
        d.Timer(TimerKind.CaseYellow).Due.ShouldBe(new DateTimeOffset(2024, 9, 24, 14, 7, 30, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void CaseYellow_DueAfterThePauseEnded_IsReArmedOnceForTheTimeStillToGo()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Now = Monday.AddHours(0.5);
        d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));
        d.Now = Monday.AddHours(1);
        d.Send("procedure-end", Market);

        var events = d.Fire(TimerKind.CaseYellow);

        Types(events).ShouldBe(["timer", "timer-set"]);
        d.State.Warnings.ShouldBeEmpty();
        // Paused half an hour: half a working hour still to go at 11:37:30, 22.5 minutes before lunch and 7.5 after.
        d.Timer(TimerKind.CaseYellow).Due.ShouldBe(new DateTimeOffset(2024, 9, 23, 13, 7, 30, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void StepLimit_IssuingOverItsLimit_WarnsRedForTheStepWhileTheCaseIsOnTime()
    {
        var d = AtIssuing(TestDefinitions.Compile(TestDefinitions.WithState("issuing", s => s with { Limit = Duration.WorkingHours(1) })));

        Types(d.Fire(TimerKind.StepWarning)).ShouldBe(["timer", "warning"]);
        Types(d.Fire(TimerKind.StepLimit)).ShouldBe(["timer", "warning"]);

        d.State.Warnings.ShouldBe([new CaseWarning(WarningLevel.Yellow, "main:issuing", Monday.AddHours(0.75)), new CaseWarning(WarningLevel.Red, "main:issuing", Monday.AddHours(1))]);
        Engine.Clock(d.Definition, d.State, d.Now).OverduePromised.ShouldBeFalse();
    }

    [Fact]
    public void InstantItem_StillOpenAfterItsWorkingDay_IsFlagged()
    {
        var definition = TestDefinitions.Enterprise();
        var d = Started(TestDefinitions.Compile(definition with { Item = definition.Item with { Kind = ItemKind.Instant } }));
        d.Send("accept", Window);

        var events = d.Fire(TimerKind.InstantDayEnd);

        Types(events).ShouldBe(["timer", "instant-overdue"]);
        events[1].At.ShouldBe(new DateTimeOffset(2024, 9, 24, 0, 0, 0, TimeSpan.FromHours(8)));
        events[1].Flagged.ShouldBeTrue();
    }

    [Fact]
    public void InstantItem_FinishedTheSameDay_HasNoDayEndTimerLeft()
    {
        var definition = TestDefinitions.Enterprise();
        var d = AtIssuing(TestDefinitions.Compile(definition with { Item = definition.Item with { Kind = ItemKind.Instant } }));

        d.Send("issue", Window);

        d.State.Timers.ShouldBeEmpty();
        d.State.Clock.StoppedAt.ShouldBe(Monday);
    }
}
