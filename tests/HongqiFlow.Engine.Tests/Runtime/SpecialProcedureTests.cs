using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using HongqiFlow.Time;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

/// <summary>特别程序: a procedure pauses the clock for at most its max, from procedure-start or from a main-flow or branch state.</summary>
public sealed class SpecialProcedureTests
{
    private static readonly DateTimeOffset Tuesday = Monday.AddDays(1);

    [Fact]
    public void ProcedureStart_WithMax_ArmsTheDueTimeOfTheMax()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Now = Monday.AddHours(1);

        var events = d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));

        Types(events).ShouldBe(["procedure-start", "clock-paused", "timer-set"]);
        var timer = d.Timer(TimerKind.ProcedureMax);
        // 5 whole working days counted from the next working day (Tue 09-24 … Mon 09-30 on the test calendar), to close of business.
        timer.Due.ShouldBe(new DateTimeOffset(2024, 9, 30, 17, 0, 0, TimeSpan.FromHours(8)));
        timer.Target.ShouldBe("name-verification");
        timer.Id.ShouldStartWith("procedure-max:case:name-verification:");
    }

    [Fact]
    public void ProcedureMax_Reached_ResumesTheClockByItself_WithAFlaggedSystemEventAndARedWarning()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Now = Monday.AddHours(1);
        d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));

        var events = d.Fire(TimerKind.ProcedureMax);

        var max = new DateTimeOffset(2024, 9, 30, 17, 0, 0, TimeSpan.FromHours(8));
        Types(events).ShouldBe(["timer", "procedure-overrun", "clock-resumed", "warning"]);
        var overrun = events[1];
        overrun.Flagged.ShouldBeTrue();
        overrun.Actor.Role.ShouldBe(ActorRole.System);
        overrun.At.ShouldBe(max);
        overrun.Data.GetString("procedure").ShouldBe("name-verification");
        overrun.Data.GetString("max").ShouldBe("5wd");
        d.State.Clock.Paused.ShouldBeFalse();
        d.State.Clock.Pauses.ShouldBe([new PauseInterval(Monday.AddHours(1), max, "name-verification")]);
        d.State.Warnings.ShouldBe([new CaseWarning(WarningLevel.Red, "procedure:name-verification", max)]);
        d.Definition.ScopeTitle("procedure:name-verification").ShouldBe("特别程序 · 企业名称争议核查");

        // The clock runs again: the parked case warnings are armed for the time still to go, and a late procedure-end is refused.
        d.State.Timers.ShouldContain(t => t.Kind == TimerKind.CaseRed);
        d.Refuse("procedure-end", Market).Code.ShouldBe("HQ6042");
    }

    [Fact]
    public void ProcedureEnd_BeforeTheMax_DropsItsDueTime_AndAFiringOfItIsStale()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));
        var max = d.Timer(TimerKind.ProcedureMax);
        d.Now = Tuesday;

        d.Send("procedure-end", Market);

        d.State.Timers.ShouldNotContain(t => t.Kind == TimerKind.ProcedureMax);
        d.Now = max.Due;
        d.Accept(Command.FireTimer(max.Id)).ShouldBeEmpty();
        d.History.ShouldNotContain(e => e.Type == CaseEventTypes.ProcedureOverrun);
    }

    [Fact]
    public void ProcedureMax_OfAMainFlowState_ResumesTheClockWhileTheCaseStaysInTheState()
    {
        var d = AtIssuing(TestDefinitions.Compile(WithNameCheckState()));
        d.Now = Monday.AddHours(1);

        var entered = d.Send("hold", MarketLead);
        var events = d.Fire(TimerKind.ProcedureMax);
        var max = d.Now;
        d.Now = max.AddHours(1);
        var left = d.Send("resume", MarketLead);

        Types(entered).ShouldBe(["hold", "clock-paused", "timer-set"]);
        Types(events).ShouldContain("procedure-overrun");
        d.State.MainState.ShouldBe("issuing");
        d.State.Clock.Pauses.ShouldBe([new PauseInterval(Monday.AddHours(1), max, "name-verification") { Region = "main" }]);
        Types(left).ShouldNotContain("clock-resumed");
    }

    [Fact]
    public void BranchState_WithSpecialProcedureClock_PausesTheCaseClock_UntilTheBranchLeavesIt()
    {
        var d = Started(TestDefinitions.Compile(WithMarketInspection()));
        d.Send("accept", Window);
        d.Now = Monday.AddHours(1);

        var paused = d.Send("inspect", Market, branch: "market");
        d.Now = Tuesday.AddHours(1);
        var resumed = d.Send("inspected", Market, branch: "market");

        Types(paused).ShouldContain("clock-paused");
        paused.Single(e => e.Type == "clock-paused").Data.GetString("region").ShouldBe("approval/market");
        Types(resumed).ShouldContain("clock-resumed");
        d.State.Clock.Pauses.ShouldBe([new PauseInterval(Monday.AddHours(1), Tuesday.AddHours(1), "name-verification") { Region = "approval/market" }]);
        Engine.Clock(d.Definition, d.State, Tuesday.AddHours(2)).Elapsed.ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void BranchState_WithSpecialProcedureClock_ArmsTheMax_AndKeepsTheOtherBranchesLimitsFromRunningOut()
    {
        var d = Started(TestDefinitions.Compile(WithMarketInspection()));
        d.Send("accept", Window);
        d.Send("inspect", Market, branch: "market");

        d.Timer(TimerKind.ProcedureMax).Due.ShouldBe(new DateTimeOffset(2024, 9, 30, 17, 0, 0, TimeSpan.FromHours(8)));
        var events = d.Fire(TimerKind.BranchLimit, "approval/tax");

        // The tax branch's 3wh have not run while the inspection held the clock: parked, not deemed approved.
        events.Single().Data.GetString("parked").ShouldBe("true");
        d.State.Region("approval/tax")!.State.ShouldBe("reviewing");
    }

    [Fact]
    public void BranchPause_EndsWhenTheMainFlowMovesOnWithoutTheBranch()
    {
        var definition = WithMarketInspection();
        definition = definition with
        {
            States = new(definition.States.Select(s => s.Parallel is { } p ? s with { Parallel = p with { Join = new JoinPolicy { Kind = JoinKind.AtLeast, Count = 2 } } } : s)),
        };
        var d = Started(TestDefinitions.Compile(definition));
        d.Send("accept", Window);
        d.Now = Monday.AddHours(1);
        d.Send("inspect", Market, branch: "market");
        d.Send("approve", Tax, branch: "tax");
        d.Now = Monday.AddHours(2);

        d.Send("approve", Social, branch: "social");

        d.State.MainState.ShouldBe("issuing");
        d.State.Clock.Paused.ShouldBeFalse();
        d.State.Clock.Pauses.ShouldBe([new PauseInterval(Monday.AddHours(1), Monday.AddHours(2), "name-verification") { Region = "approval/market" }]);
    }

    [Fact]
    public void StatutoryLimit_Passed_IsItsOwnFlaggedEventAndRedWarning_DistinctFromThePromisedLimit()
    {
        var d = Started();
        var accepted = d.Send("accept", Window);
        d.Fire(TimerKind.CaseRed);

        var events = d.Fire(TimerKind.StatutoryLimit);

        Types(accepted).ShouldContain("timer-set");
        Types(events).ShouldBe(["timer", "statutory-overdue", "warning"]);
        events[1].Flagged.ShouldBeTrue();
        events[1].Data.GetString("statutory").ShouldBe("8.5wd");
        // 8 whole working days from Tue 09-24 end Thu 10-03 17:00; the half day is 3.5 working hours after it, over the lunch break.
        var due = new DateTimeOffset(2024, 10, 4, 13, 30, 0, TimeSpan.FromHours(8));
        events[1].At.ShouldBe(due);
        d.State.Warnings.Where(w => w.Level == WarningLevel.Red).Select(w => w.Scope).ShouldBe(["case", "statutory"]);
        d.Definition.ScopeTitle("statutory").ShouldBe("法定时限");
        Engine.Clock(d.Definition, d.State, due.AddHours(1)).OverdueStatutory.ShouldBeTrue();
    }

    [Fact]
    public void StatutoryLimit_PushedBackByAPause_IsParked_AndArmedAgainAtTheResume()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));

        var events = d.Fire(TimerKind.StatutoryLimit);

        events.Single().Data.GetString("parked").ShouldBe("true");
        d.State.Warnings.ShouldBeEmpty();
        d.Send("procedure-end", Market);
        d.Timer(TimerKind.StatutoryLimit).Due.ShouldBe(d.Definition.Calendar.Add(d.Now, Duration.WorkingHours(59.5m)));
    }

    [Fact]
    public void StatutoryLimit_CaseFinishedInTime_HasNoDueTimeLeft()
    {
        var d = AtIssuing();

        d.Send("issue", Window);

        d.State.Timers.ShouldNotContain(t => t.Kind == TimerKind.StatutoryLimit);
    }

    /// <summary>The enterprise item whose issuing step may be held for the name check (a special-procedure state).</summary>
    private static ServiceItemDefinition WithNameCheckState()
    {
        var definition = TestDefinitions.Enterprise();
        return definition with
        {
            States = new(definition.States.Select(s => s.Name == "issuing"
                ? s with { Transitions = new(s.Transitions.Append(TestDefinitions.On("hold", "name-check", "lead"))) }
                : s).Append(new StateDefinition
                {
                    Name = "name-check", Clock = ClockMode.SpecialProcedure, PausedFor = "name-verification",
                    Transitions = new[] { TestDefinitions.On("resume", "issuing", "lead") },
                })),
        };
    }

    /// <summary>The enterprise item whose market branch may go to an inspection that pauses the case clock.</summary>
    internal static ServiceItemDefinition WithMarketInspection() => TestDefinitions.WithParallel(p => p with
    {
        Branches = new(p.Branches.Select(b => b.Name != "market" ? b : b with
        {
            Use = null,
            States = new[]
            {
                new StateDefinition
                {
                    Name = "reviewing", Initial = true,
                    Transitions = new[] { TestDefinitions.On("approve", "approved"), TestDefinitions.On("reject", "rejected"), TestDefinitions.On("inspect", "inspecting") },
                },
                new StateDefinition
                {
                    Name = "inspecting", Title = "实地核查", Clock = ClockMode.SpecialProcedure, PausedFor = "name-verification",
                    Transitions = new[] { TestDefinitions.On("inspected", "reviewing") },
                },
                new StateDefinition { Name = "approved", Final = true, Outcome = "approved" },
                new StateDefinition { Name = "rejected", Final = true, Outcome = "rejected" },
            },
        })),
    });
}
