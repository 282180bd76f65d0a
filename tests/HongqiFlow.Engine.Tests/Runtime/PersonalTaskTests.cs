using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;

namespace HongqiFlow.Tests.Runtime;

/// <summary>
/// Personal tasks in the engine: an item without tasks is untouched; on a task step a department token without a
/// person may do nothing; what a person is listed is what they may do; a signing concludes by its rule.
/// </summary>
public sealed class PersonalTaskTests
{
    private static readonly Actor ZhangWei = Person("market-regulation", "zhang-wei", "handler");
    private static readonly Actor LiNa = Person("market-regulation", "li-na", "handler");
    private static readonly Actor WangQiang = Person("market-regulation", "wang-qiang", "reviewer");

    private static Actor Person(string department, string id, params string[] positions) =>
        Actor.OfDepartment(department, id) with { Positions = new(positions) };

    private static CaseDriver LicenceChangeInReview()
    {
        var definition = ReferenceCatalog.All().Single(d => d.Code == "SCZT-1001");
        var d = new CaseDriver(definition, CaseDriver.Monday);
        d.Accept(Command.StartCase(new CaseStart
        {
            CaseId = "case-1", Receipt = "R1", Applicant = CaseDriver.ZhangSan,
            Submitted = new(["application", "resolution", "articles-amendment", "premises"]),
            Data = ValueMap.Of(("changes", new[] { "shareholders" })),
        }, CaseDriver.Window));
        d.Send("accept", CaseDriver.Window);
        d.State.MainState.ShouldBe("review");
        return d;
    }

    [Fact]
    public void AnItemWithoutTasks_KeepsNoPeopleState_AndRecordsNoTaskEvent()
    {
        var d = CaseDriver.FullCase();

        d.Definition.HasTasks.ShouldBeFalse();
        d.State.People.ShouldBeNull();
        d.History.Select(e => e.Type).ShouldNotContain(t => t.StartsWith("task-", StringComparison.Ordinal));
        d.Refuse("claim", CaseDriver.Market).Code.ShouldBe(RejectionCodes.UnknownEvent);
    }

    [Fact]
    public void ATaskStep_IsNotADepartmentTokensToDecide_AndListsOnlyWhatEachPersonMayDo()
    {
        var d = LicenceChangeInReview();
        var department = Actor.OfDepartment("market-regulation", "m-001");

        d.Refuse("approve", department).Code.ShouldBe(RejectionCodes.NotEligible);
        Engine.PermittedEvents(d.Definition, d.State, department, d.Now).Select(p => p.Event).ShouldNotContain("approve");
        Engine.PermittedEvents(d.Definition, d.State, WangQiang, d.Now).Select(p => p.Event).ShouldNotContain("claim");
        Engine.PermittedEvents(d.Definition, d.State, ZhangWei, d.Now).Select(p => p.Event).ShouldContain("claim");

        d.Send("claim", ZhangWei);
        Engine.PermittedEvents(d.Definition, d.State, LiNa, d.Now).Select(p => p.Event).ShouldNotContain("approve");
        d.Refuse("approve", LiNa).Code.ShouldBe(RejectionCodes.TaskHeldByOther);
        // Market regulation leads the item, so its people may also urge (催办).
        Engine.PermittedEvents(d.Definition, d.State, ZhangWei, d.Now).Select(p => p.Event).ShouldBe(["approve", "refuse", "release", "transfer", "delegate", "urge", "copy"], ignoreOrder: true);

        d.Send("approve", ZhangWei);
        d.State.MainState.ShouldBe("checking");
        d.State.People!.LastDone("main", "review")!.Person.ShouldBe("zhang-wei");
        Engine.PermittedEvents(d.Definition, d.State, ZhangWei, d.Now).Select(p => p.Event).ShouldContain("recall");
        var handlerAlsoReviewer = Person("market-regulation", "zhang-wei", "handler", "reviewer");
        d.Refuse("approve", handlerAlsoReviewer).Code.ShouldBe(RejectionCodes.FourEyes);
        Engine.Replay(d.Definition, "case-1", d.History).ShouldBe(d.State);
    }

    [Fact]
    public void ATaskRefusal_IsACatalogMessage_NamingPeopleAndStepsInChinese_AndTheirIdsInEnglish()
    {
        var d = LicenceChangeInReview();
        d.Send("claim", ZhangWei);

        var held = d.Refuse("approve", LiNa);
        held.Message.Id.ShouldBe(RejectionCodes.TaskHeldByOther);
        held.Reason.ShouldBe("“登记审查（承办）”由张伟办理，li-na不能办理他人的任务。");
        held.ReasonEnglish.ShouldBe("'review' is held by zhang-wei; li-na cannot act on another person's task.");

        var notHolder = d.Refuse("transfer", LiNa);
        notHolder.Code.ShouldBe(RejectionCodes.TaskHeldByOther);
        var noReason = d.Refuse("transfer", ZhangWei);
        noReason.Message.Id.ShouldBe(RejectionCodes.InvalidPayload + ".transfer-reason");
        noReason.Reason.ShouldBe("转办须填写理由（reason）。");
    }

    [Fact]
    public void SendBack_RestartsTheStepClock_TheCaseClockRunsOn()
    {
        var d = LicenceChangeInReview();
        var accepted = d.State.Clock.AcceptedAt;
        d.Now = d.Now.AddHours(1);
        d.Send("approve", ZhangWei);
        d.Now = d.Now.AddHours(1);

        d.Send("send-back", WangQiang, CaseDriver.Payload(("to", "review"), ("reason", "决议签字不全")));

        d.State.MainState.ShouldBe("review");
        d.State.Regions[0].EnteredAt.ShouldBe(d.Now);
        d.State.Timers.Where(t => t.Kind == TimerKind.StepLimit).ShouldHaveSingleItem().Due.ShouldBeGreaterThan(d.Now);
        d.State.Clock.AcceptedAt.ShouldBe(accepted);
        d.State.Clock.Pauses.ShouldBeEmpty();
        d.State.People!.Task("main")!.Holder.ShouldBe("zhang-wei");
        d.State.People.LastDone("main", "review")!.Returned.ShouldBeTrue();
    }
}
