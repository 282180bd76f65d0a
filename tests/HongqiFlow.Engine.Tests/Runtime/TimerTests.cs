using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class TimerTests
{
    [Fact]
    public void AfterTimer_ThirtyDaysInCorrection_MovesToNotAccepted()
    {
        var d = Started(submitted: ["application"]);
        d.Send("notify-missing", Window);

        var events = d.Fire(TimerKind.After);

        Types(events).ShouldBe(["timer", "clock-stopped"]);
        events[0].Actor.ShouldBe(Actor.System);
        events[0].Regions.ShouldBe(Regions(("main", "not-accepted", Monday.AddDays(30))));
        d.State.Outcome.ShouldBe("not-accepted");
    }

    [Fact]
    public void AfterTimer_ArmedAsADueTimeWithADeterministicId()
    {
        var d = Started(submitted: ["application"]);

        d.Send("notify-missing", Window);

        d.State.Timers.ShouldBe([new DueTimer("after:main:correcting:4", TimerKind.After, Monday.AddDays(30), "main", "correcting", "not-accepted")]);
    }

    [Fact]
    public void AfterTimer_StateLeftBeforeItFired_IsStaleAndIgnored()
    {
        var d = Started(submitted: ["application"]);
        d.Send("notify-missing", Window);
        var timer = d.Timer(TimerKind.After);
        d.Send("resubmit", ApplicantActor);
        d.Now = timer.Due;

        var decision = Engine.Decide(d.Definition, d.State, Command.FireTimer(timer.Id), d.Now);

        decision.ShouldBeOfType<Accepted>().Events.ShouldBeEmpty();
        d.State.Timers.ShouldBeEmpty();
    }

    [Fact]
    public void Timer_FiredBeforeItIsDue_IsRejected()
    {
        var d = Started(submitted: ["application"]);
        d.Send("notify-missing", Window);
        var timer = d.Timer(TimerKind.After);

        var decision = Engine.Decide(d.Definition, d.State, Command.FireTimer(timer.Id), d.Now);

        var rejection = decision.ShouldBeOfType<Rejected>().Rejection;
        rejection.Code.ShouldBe("HQ6014");
        rejection.Reason.ShouldBe("定时 after:main:correcting:4 于 2024-10-23 09:00 到期，尚未到期。");
    }

    [Fact]
    public void Timer_SentByAPerson_IsRejected()
    {
        var d = Started(submitted: ["application"]);
        d.Send("notify-missing", Window);

        var rejection = d.Refuse("timer", Window, Payload(("id", d.Timer(TimerKind.After).Id)));

        rejection.Code.ShouldBe("HQ6005");
        rejection.Reason.ShouldBe("“timer”只能由系统操作，当前操作人是window。");
    }

    [Fact]
    public void PermittedEvents_ForTheSystem_ListsDueTimers()
    {
        var d = Started(submitted: ["application"]);
        d.Send("notify-missing", Window);

        Engine.PermittedEvents(d.Definition, d.State, Actor.System, Monday.AddDays(31)).ShouldBe([
            new PermittedEvent("data-shared", "main", null),
            new PermittedEvent("data-refused", "main", null),
            new PermittedEvent("timer", "main", "not-accepted", "after:main:correcting:4")]);
    }
}
