using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Time;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

/// <summary>Rules the catalog's items rely on: materials handed in with a domain event, refused data sharing, and limits that pause with the clock.</summary>
public sealed class CatalogRuleTests
{
    [Fact]
    public void Resubmit_WithMaterials_AddsThemToTheSubmittedMaterials()
    {
        var d = Started(submitted: ["application"]);
        d.Send("notify-missing", Window);

        d.Send("resubmit", ApplicantActor, Payload(("materials", new[] { "articles", "premises", "shareholder-resolution" })));

        d.State.Materials.Missing.ShouldBeEmpty();
        d.State.Materials.Submitted.ShouldBe(["application", "articles", "premises", "shareholder-resolution"]);
        d.State.MainState.ShouldBe("received");
    }

    [Fact]
    public void Resubmit_WithAMaterialTheItemDoesNotHave_IsRejectedWithHQ6014()
    {
        var d = Started(submitted: ["application"]);
        d.Send("notify-missing", Window);

        var rejection = d.Refuse("resubmit", ApplicantActor, Payload(("materials", new[] { "photo" })));

        rejection.Code.ShouldBe("HQ6014");
        rejection.ReasonEnglish.ShouldBe("The item has no material photo.");
    }

    [Fact]
    public void DataRefused_SharedMaterial_CountsAsMissingUntilSubmitted()
    {
        var d = Started();
        d.State.Materials.Missing.ShouldBeEmpty();

        var events = d.Accept(Command.Send("data-refused", Actor.System, Channel.Window, Payload(("source", "population.id-card"), ("reason", "证照库无记录"))));

        Types(events).ShouldBe(["data-refused"]);
        d.State.Materials.Refused.ShouldBe(["legal-rep-id"]);
        d.State.Materials.Missing.ShouldBe(["legal-rep-id"]);
        d.Refuse("accept", Window).Code.ShouldBe("HQ6010");

        d.Send("supplement", ApplicantActor, Payload(("materials", new[] { "legal-rep-id" })));

        d.State.Materials.Missing.ShouldBeEmpty();
        d.Send("accept", Window);
        d.State.MainState.ShouldBe("approval");
    }

    [Fact]
    public void DataRefused_SentByAClerk_IsRejectedWithHQ6005()
    {
        Started().Refuse("data-refused", Window, Payload(("source", "population.id-card"))).Code.ShouldBe("HQ6005");
    }

    [Fact]
    public void DataRefused_UnknownSource_IsRejectedWithHQ6070()
    {
        var d = Started();

        var decision = Engine.Decide(d.Definition, d.State, Command.Send("data-refused", Actor.System, Channel.Window, Payload(("source", "tax.secret"))), d.Now);

        decision.ShouldBeOfType<Rejected>().Rejection.Code.ShouldBe("HQ6070");
    }

    [Fact]
    public void BranchLimit_DueDuringASpecialProcedure_IsPushedBackByThePauseInsteadOfDeemingTheBranch()
    {
        var d = Started();
        d.Send("accept", Window);
        d.Now = Monday.AddHours(1);
        d.Send("procedure-start", MarketLead, Payload(("procedure", "name-verification")));
        d.Now = Monday.AddDays(1).AddHours(1);
        d.Send("procedure-end", MarketLead);

        var early = d.Fire(TimerKind.BranchLimit, "approval/tax");

        Types(early).ShouldBe(["timer", "timer-set"]);
        d.State.Region("approval/tax")!.State.ShouldBe("reviewing");
        d.State.Warnings.ShouldNotContain(w => w.Scope == "approval/tax" && w.Level == WarningLevel.Red);
        d.Timer(TimerKind.BranchLimit, "approval/tax").Due.ShouldBe(Monday.AddDays(1).AddHours(3));

        var due = d.Fire(TimerKind.BranchLimit, "approval/tax");

        due.ShouldContain(e => e.Type == "branch-deemed");
        d.State.Region("approval/tax")!.State.ShouldBe("approved");
    }

    [Fact]
    public void BranchLimit_NoPause_WarnsRedAndDeemsAtTheLimit()
    {
        var d = Started();
        d.Send("accept", Window);

        var events = d.Fire(TimerKind.BranchLimit, "approval/tax");

        Types(events).ShouldContain("branch-deemed");
        d.Now.ShouldBe(Monday.AddHours(3));
    }

    [Fact]
    public void CaseRed_LimitInNaturalDays_WarnsAfterTenCalendarDaysNotTenDaysOfWorkingHours()
    {
        var definition = TestDefinitions.Enterprise();
        var limits = new TimeLimit { Statutory = Duration.Days(15), Promised = Duration.Days(10), WarnAt = 0.75m };
        var d = Started(TestDefinitions.Compile(definition with { Item = definition.Item with { TimeLimit = limits } }));
        d.Send("accept", Window);

        var events = d.Fire(TimerKind.CaseRed);

        d.Now.ShouldBe(Monday.AddDays(10));
        events.ShouldContain(e => e.Type == "warning" && e.Data.GetString("level") == "red", string.Join(" ", events.Select(e => e.Type + ":" + e.Data.ToString())));
        Engine.Clock(d.Definition, d.State, d.Now).RemainingPromised.ShouldBe(TimeSpan.Zero);
        Engine.Clock(d.Definition, d.State, d.Now).RemainingStatutory.ShouldBe(TimeSpan.FromDays(5));
    }
}
