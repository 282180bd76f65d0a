using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class OneTimeNoticeTests
{
    private static CompiledDefinition WithCorrectionRequest() => TestDefinitions.Compile(TestDefinitions.WithState("received", s => s with
    {
        Transitions = new(s.Transitions.Append(new TransitionDefinition { Event = "request-correction", Target = "correcting", By = new[] { "window" }, Notice = NoticeKind.Correction })),
    }));

    [Fact]
    public void NotifyMissing_ListsEveryMissingMaterialEvenWhenTheClerkListsFewer()
    {
        var d = Started(submitted: ["application"]);

        var events = d.Send("notify-missing", Window, Payload(("materials", new[] { "premises" })));

        Types(events).ShouldBe(["notify-missing", "notice", "timer-set", "notification"]);
        events[1].Data.ShouldBe(ValueMap.Of(("kind", "one-time"), ("materials", new[] { "articles", "premises", "shareholder-resolution" })));
        d.State.FirstNotice.ShouldBe(["articles", "premises", "shareholder-resolution"]);
        events[3].Data.GetString("title").ShouldBe("一次性告知书");
        events[3].Data.GetString("body").ShouldBe("张三：您申请的“企业开办”（受理编号 QYKB-20240923-0001）尚缺以下材料：公司章程、住所（经营场所）使用证明、股东会决议。请一次补齐后再次提交。");
        d.State.MainState.ShouldBe("correcting");
        d.State.Clock.Started.ShouldBeFalse();
    }

    [Fact]
    public void NotifyMissing_SecondNoticeAddingAMaterial_EmitsFlaggedNoticeIncomplete()
    {
        var d = Started(submitted: ["application", "articles", "shareholder-resolution"]);
        d.Send("notify-missing", Window);
        d.Send("supplement", ApplicantActor, Payload(("materials", new[] { "premises" })));
        d.Send("resubmit", ApplicantActor);

        var events = d.Send("notify-missing", Window, Payload(("materials", new[] { "articles" })));

        Types(events).ShouldBe(["notify-missing", "notice", "notice-incomplete", "timer-set", "notification"]);
        events[2].Flagged.ShouldBeTrue();
        events[2].Data.ShouldBe(ValueMap.Of(("added", new[] { "articles" }), ("first", new[] { "premises" })));
        d.State.FirstNotice.ShouldBe(["premises"]);
    }

    [Fact]
    public void CorrectionRequest_OnlyMaterialsOfTheFirstNotice_IsNotFlagged()
    {
        var d = Started(WithCorrectionRequest(), submitted: ["application", "articles", "shareholder-resolution"]);
        d.Send("notify-missing", Window);
        d.Send("resubmit", ApplicantActor);

        var events = d.Send("request-correction", Window, Payload(("materials", new[] { "premises" })));

        Types(events).ShouldNotContain("notice-incomplete");
        events[1].Data.GetString("kind").ShouldBe("correction");
    }

    [Fact]
    public void CorrectionRequest_AddingAMaterialNotInTheFirstNotice_IsFlagged()
    {
        var d = Started(WithCorrectionRequest(), submitted: ["application", "articles", "shareholder-resolution"]);
        d.Send("notify-missing", Window);
        d.Send("resubmit", ApplicantActor);

        var events = d.Send("request-correction", Window, Payload(("materials", new[] { "articles" })));

        events.Single(e => e.Type == "notice-incomplete").Data.GetStrings("added").ShouldBe(["articles"]);
        d.History.Count(e => e.Flagged).ShouldBe(1);
    }
}
