using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using HongqiFlow.Time;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class RatingTests
{
    private static CaseDriver Issued(CompiledDefinition? definition = null)
    {
        var d = AtIssuing(definition);
        d.Send("issue", Window);
        return d;
    }

    [Fact]
    public void Rate_BeforeTheCaseIsFinished_IsRejected()
    {
        var rejection = AtIssuing().Refuse("rate", ApplicantActor, Payload(("level", 5)));

        rejection.Code.ShouldBe("HQ6050");
        rejection.Reason.ShouldBe("办件尚未办结，办结后才能评价。");
    }

    [Fact]
    public void Rate_FinishedCase_RecordsTheRatingOnceOnly()
    {
        var d = Issued();

        Types(d.Send("rate", ApplicantActor, Payload(("level", 5), ("comment", "很快")), channel: Channel.Online)).ShouldBe(["rate"]);
        var second = d.Refuse("rate", ApplicantActor, Payload(("level", 1)));

        // The rating records its channel (GB/T 39734-2020), here the online channel it was sent from.
        d.State.Rating.ShouldBe(new CaseRating(5, "很快", Monday, false) { Channel = "online" });
        second.Reason.ShouldBe("本办件已评价（5 星），每件只能评价一次。");
    }

    [Fact]
    public void Rate_LevelOutsideOneToFive_IsRejectedWithHQ6014()
    {
        Issued().Refuse("rate", ApplicantActor, Payload(("level", 7))).Code.ShouldBe("HQ6014");
    }

    [Fact]
    public void Rate_BadRating_OpensRectificationDueInFifteenWorkingDays()
    {
        var d = Issued();

        var events = d.Send("rate", ApplicantActor, Payload(("level", 2), ("comment", "跑了两次")));

        Types(events).ShouldBe(["rate", "obligation-opened", "timer-set"]);
        var o = d.State.OpenObligation("rectification")!;
        o.Kind.ShouldBe(ObligationKind.Rectification);
        // 15 whole working days counted from the working day after the rating: Monday 10-14 at close of business.
        o.Due.ShouldBe(new DateTimeOffset(2024, 10, 14, 17, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Rectification_ClosesOnlyWhenBothRectifyAndFeedbackAreRecorded()
    {
        var d = Issued();
        d.Send("rate", ApplicantActor, Payload(("level", 1)));

        Types(d.Send("rectify", Window, Payload(("note", "优化告知单")))).ShouldBe(["rectify"]);
        d.State.OpenObligation("rectification").ShouldNotBeNull();
        Engine.PermittedEvents(d.Definition, d.State, Window, d.Now).Select(p => p.Event).ShouldBe(["feedback"]);
        Types(d.Send("feedback", Window, Payload(("note", "已电话回访")))).ShouldBe(["feedback", "obligation-fulfilled"]);

        d.State.Obligations.Single().Status.ShouldBe(ObligationStatus.Fulfilled);
        // Each step also records when it was done, for the export of ratings and their handling.
        var at = Monday.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        d.State.Obligations.Single().Details.ShouldBe(ValueMap.Of(("level", 1), ("rectified", true), ("rectifiedNote", "优化告知单"), ("rectifiedAt", at),
            ("feedback", true), ("feedbackNote", "已电话回访"), ("feedbackAt", at)));
    }

    [Fact]
    public void Rectify_WithoutABadRating_IsRejectedWithHQ6051()
    {
        Issued().Refuse("rectify", Window, Payload(("note", "x"))).Code.ShouldBe("HQ6051");
    }

    [Fact]
    public void Rectification_MissedDeadline_IsBreachedAndTheCaseStaysIssued()
    {
        var d = Issued();
        d.Send("rate", ApplicantActor, Payload(("level", 1)));

        Types(d.Fire(TimerKind.ObligationDue)).ShouldBe(["timer", "obligation-breached"]);

        d.State.Obligations.Single().Status.ShouldBe(ObligationStatus.Breached);
        d.State.MainState.ShouldBe("issued");
    }

    [Fact]
    public void DefaultRating_AfterSevenNaturalDaysWithoutARating_RecordsTheDefaultLevel()
    {
        var definition = TestDefinitions.Enterprise() with { Rating = new Definitions.Model.RatingPolicy { DefaultAfter = Duration.Days(7) } };
        var d = Issued(TestDefinitions.Compile(definition));

        var events = d.Fire(TimerKind.RatingDefault);

        Types(events).ShouldBe(["timer", "rate"]);
        d.State.Rating.ShouldBe(new CaseRating(3, null, Monday.AddDays(7), true));
    }
}
