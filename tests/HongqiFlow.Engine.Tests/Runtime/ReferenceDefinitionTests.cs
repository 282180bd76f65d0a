using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

/// <summary>企业开办 as written in definitions/, on the real calendar and the real guard engine.</summary>
public sealed class ReferenceDefinitionTests
{
    private static readonly CompiledDefinition Enterprise = ReferenceCatalog.Compile();

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static readonly Actor Seal = Actor.OfDepartment("public-security", "p-001");

    [Fact]
    public void Compile_ReferenceYamlReadTwice_GivesEqualCompiledDefinitions()
    {
        ReferenceCatalog.Compile().ShouldBe(Enterprise);
        Enterprise.Calendar.Id.ShouldBe("cn-mainland");
        Enterprise.Regions.Select(r => r.Name).ShouldBe(["main", "approval/market", "approval/tax", "approval/social", "approval/seal"]);
    }

    [Fact]
    public void HappyPath_FourDepartmentsInParallel_IssuedWithinHalfAWorkingDay()
    {
        var d = Started(Enterprise);
        d.Send("accept", Window);
        d.Now = Monday.AddHours(1);
        d.Send("approve", Market, branch: "market");
        d.Send("approve", Seal, branch: "seal");
        d.Send("approve", Tax, branch: "tax");
        d.Now = Monday.AddHours(2);
        d.Send("approve", Social, branch: "social");

        var events = d.Send("issue", Window);

        Types(events).ShouldBe(["issue", "clock-stopped", "notification"]);
        events[2].Data.GetString("body").ShouldBe("张三：您申请的“企业开办”已办结，结果：准予许可。");
        d.State.Outcome.ShouldBe("approved");
        Engine.Clock(d.Definition, d.State, Monday.AddDays(3)).Elapsed.ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void Accept_JavaScriptGuardOnMissingMaterials_RejectsWithTheYamlLocation()
    {
        var d = Started(Enterprise, submitted: ["application", "articles", "premises"]);

        var rejection = d.Refuse("accept", Window);

        rejection.Code.ShouldBe("HQ6010");
        rejection.Location.File.ShouldBe("definitions/enterprise-establishment.yaml");
        rejection.Location.Line.ShouldBe(41);
    }

    [Fact]
    public void NationalDay2024_AcceptedFridayAfternoon_RedWarningFallsOnTheMakeUpSunday()
    {
        var friday = new DateTimeOffset(2024, 9, 27, 15, 0, 0, Beijing);
        var d = Started(Enterprise, now: friday);

        d.Send("accept", Window);

        // 2 working hours on Friday; Saturday 28 is off; Sunday 29 is a make-up working day (调休), 1.5 hours more.
        d.Timer(TimerKind.CaseRed).Due.ShouldBe(new DateTimeOffset(2024, 9, 29, 10, 30, 0, Beijing));
        d.Timer(TimerKind.BranchLimit, "approval/tax").Due.ShouldBe(new DateTimeOffset(2024, 9, 29, 10, 0, 0, Beijing));
    }

    [Fact]
    public void NationalDay2024_SupplementDeadline_SkipsTheGoldenWeek()
    {
        var monday = new DateTimeOffset(2024, 9, 30, 16, 0, 0, Beijing);
        var d = Started(Enterprise, submitted: ["application", "articles", "premises"], now: monday);

        d.Send("accept-tolerated", Window);

        // supplementWithin 0.5wd = 3.5 working hours: 1 hour on 30 Sep, then 2.5 hours on 8 Oct; 1–7 Oct are holidays.
        d.State.OpenObligation("supplement")!.Due.ShouldBe(new DateTimeOffset(2024, 10, 8, 11, 30, 0, Beijing));
    }

    [Fact]
    public void Issue_JavaScriptObligationGuard_HoldsOnceTheSupplementIsFulfilled()
    {
        var d = Started(Enterprise, submitted: ["application", "articles", "premises"]);
        d.Send("accept-tolerated", Window);
        d.Send("approve", Market, branch: "market");
        d.Send("approve", Seal, branch: "seal");
        d.Send("approve", Tax, branch: "tax");
        d.Send("approve", Social, branch: "social");
        d.Refuse("issue", Window).Code.ShouldBe("HQ6033");
        d.Send("supplement", ApplicantActor, Payload(("materials", new[] { "shareholder-resolution" })));

        Types(d.Send("issue", Window)).ShouldBe(["issue", "clock-stopped", "notification"]);
    }

    [Fact]
    public void Guard_LoopingForeverOnJint_IsStoppedAndTheCaseIsUnchanged()
    {
        var text = ReferenceCatalog.Text().Replace("when: \"missing.length === 0\"", "when: \"(() => { while (true) {} })()\"", StringComparison.Ordinal);
        var d = Started(ReferenceCatalog.Compile(text));

        var rejection = d.Refuse("accept", Window);

        rejection.Code.ShouldBe("HQ6011");
        rejection.Location.Line.ShouldBe(41);
        d.State.MainState.ShouldBe("received");
        d.State.Version.ShouldBe(1);
    }
}
