using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

/// <summary>Branch and step limits count working time like the case clock: a special procedure does not eat into them.</summary>
public sealed class PausedLimitTests
{
    [Fact]
    public void BranchLimit_DuringASpecialProcedure_IsParkedInsteadOfDeemingApproval_AndArmedOnceAtTheEnd()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Now = Monday.AddHours(1);
        d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));

        // The tax branch limit (3wh, deemed approval) falls due while the clock is paused: parked, nothing armed.
        var events = d.Fire(TimerKind.BranchLimit, "approval/tax");

        Types(events).ShouldBe(["timer"]);
        events[0].Data.ContainsKey("parked").ShouldBeTrue();
        d.State.Region("approval/tax")!.State.ShouldBe("reviewing");
        d.State.Warnings.ShouldBeEmpty();
        d.State.Timers.ShouldNotContain(t => t.Kind == TimerKind.BranchLimit && t.Region == "approval/tax");

        // However long the procedure runs, the limit is armed once when it ends: 2 working hours still to go.
        d.Now = Monday.AddDays(3).AddHours(1);
        var resumed = d.Send("procedure-end", Market);

        Types(resumed).Count(t => t == "timer-set").ShouldBe(1);
        d.State.Timers.Where(t => t.Kind == TimerKind.BranchLimit && t.Region == "approval/tax").Select(t => t.Due).ShouldBe([Monday.AddDays(3).AddHours(3)]);
    }

    [Fact]
    public void BranchLimit_AfterTheProcedureEnds_FiresOnceTheBranchHasHadItsFullWorkingTime()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Now = Monday.AddHours(1);
        d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));
        d.Now = Monday.AddDays(1).AddHours(1);
        d.Send("procedure-end", Market);

        // 1 working hour before the pause; the remaining 2 hours run from Tuesday 10:00 to 12:00.
        var limit = d.State.Timers.Where(t => t.Kind == TimerKind.BranchLimit && t.Region == "approval/tax").MaxBy(t => t.Due)!;
        limit.Due.ShouldBe(Monday.AddHours(3), "the first due time still stands until it fires and is re-armed");
        d.Fire(TimerKind.BranchLimit, "approval/tax");
        var rearmed = d.Timer(TimerKind.BranchLimit, "approval/tax");
        rearmed.Due.ShouldBe(Monday.AddDays(1).AddHours(3));

        d.Now = rearmed.Due;
        d.Accept(Command.FireTimer(rearmed.Id));
        d.State.Region("approval/tax")!.State.ShouldBe("approved");
        d.History.ShouldContain(e => e.Type == CaseEventTypes.BranchDeemed);
    }
}
