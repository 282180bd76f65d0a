using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using HongqiFlow.Time;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

/// <summary>The rating rules of GB/T 39734-2020 as an item configures them (<c>rating:</c>).</summary>
public sealed class RatingStandardTests
{
    private static readonly Actor Supervisor = Actor.Supervisor("s-001");

    private static CompiledDefinition With(RatingPolicy policy) => TestDefinitions.Compile(TestDefinitions.Enterprise() with { Rating = policy });

    private static CaseDriver Issued(RatingPolicy? policy = null)
    {
        var d = AtIssuing(policy is null ? null : With(policy));
        d.Send("issue", Window);
        return d;
    }

    private static readonly RatingPolicy Categorised = new()
    {
        Categories = new[] { new RatingCategory { Id = "attitude", Name = "服务态度" }, new RatingCategory { Id = "efficiency", Name = "办事效率" } },
    };

    [Fact]
    public void PerMatter_RatingWhileRunning_IsRejected_AndOneRatingOnceFinished()
    {
        AtIssuing().Refuse("rate", ApplicantActor, Payload(("level", 5))).Code.ShouldBe("HQ6050");
        var d = Issued();

        d.Send("rate", ApplicantActor, Payload(("level", 4)));

        d.Refuse("rate", ApplicantActor, Payload(("level", 5))).Reason.ShouldBe("本办件已评价（4 星），每件只能评价一次。");
    }

    [Fact]
    public void PerService_RatesTheAcceptanceAndTheEndOnceEach()
    {
        var d = AtIssuing(With(new RatingPolicy { Per = RatingPer.Service }));

        d.Send("rate", ApplicantActor, Payload(("level", 5)));
        var again = d.Refuse("rate", ApplicantActor, Payload(("level", 4)));
        d.Send("issue", Window);
        d.Send("rate", ApplicantActor, Payload(("level", 3)), channel: Channel.Online);

        again.Reason.ShouldBe("本次服务已评价（5 星），一次一评，每次服务只能评价一次。");
        d.State.Ratings.Select(r => (r.Stage, r.Level, r.Channel)).ShouldBe([("accepted", 5, "window"), ("finished", 3, "online")]);
        d.State.Rating!.Level.ShouldBe(3);
        d.Refuse("rate", ApplicantActor, Payload(("level", 1))).Code.ShouldBe("HQ6050");
    }

    [Fact]
    public void PerService_BeforeAcceptance_IsRejected()
    {
        Started(With(new RatingPolicy { Per = RatingPer.Service })).Refuse("rate", ApplicantActor, Payload(("level", 5))).Code.ShouldBe("HQ6050");
    }

    [Fact]
    public void Channels_RatingFromAnUndeclaredChannel_IsRejectedWithHQ6052()
    {
        var d = Issued(new RatingPolicy { Channels = new[] { "window", "hotline" } });

        var rejection = d.Refuse("rate", ApplicantActor, Payload(("level", 5), ("channel", "sms")));
        d.Send("rate", ApplicantActor, Payload(("level", 5), ("channel", "hotline")));

        rejection.Code.ShouldBe("HQ6052");
        rejection.Reason.ShouldBe("本事项不接受来自“sms”的评价；评价渠道为 window、hotline。");
        d.State.Rating!.Channel.ShouldBe("hotline");
    }

    [Fact]
    public void Channels_NameOutsideTheStandardsChannels_IsRejectedWithHQ6014()
    {
        Issued().Refuse("rate", ApplicantActor, Payload(("level", 5), ("channel", "fax"))).Code.ShouldBe("HQ6014");
    }

    [Fact]
    public void Categories_BadRatingWithoutADeclaredCategory_IsRejectedWithHQ6053()
    {
        var d = Issued(Categorised);

        d.Refuse("rate", ApplicantActor, Payload(("level", 1))).Reason.ShouldBe("差评须选择差评类别：attitude（服务态度）、efficiency（办事效率）。");
        d.Refuse("rate", ApplicantActor, Payload(("level", 1), ("category", "fees"))).Code.ShouldBe("HQ6053");
        d.Send("rate", ApplicantActor, Payload(("level", 1), ("category", "efficiency")));

        d.State.Rating!.Category.ShouldBe("efficiency");
    }

    [Fact]
    public void Categories_GoodRatingNeedsNone()
    {
        var d = Issued(Categorised);

        d.Send("rate", ApplicantActor, Payload(("level", 3)));

        d.State.Rating!.IsGood.ShouldBeTrue();
        d.State.Obligations.ShouldBeEmpty();
    }

    [Fact]
    public void Verification_Required_RectifyBeforeVerifyingIsRejectedWithHQ6054()
    {
        var d = Issued(new RatingPolicy { VerificationRequired = true });
        d.Send("rate", ApplicantActor, Payload(("level", 2)));

        d.Refuse("rectify", Supervisor, Payload(("note", "x"))).Code.ShouldBe("HQ6054");
        Engine.PermittedEvents(d.Definition, d.State, Supervisor, d.Now).Select(p => p.Event).ShouldBe(["verify-rating", "feedback"]);
        d.Send("verify-rating", Supervisor, Payload(("result", "confirmed"), ("note", "确有多次往返")));
        d.Send("rectify", Supervisor, Payload(("note", "增开窗口")));
        var closing = d.Send("feedback", Supervisor, Payload(("note", "已电话回访"), ("method", "phone"), ("satisfied", true)));

        Types(closing).ShouldBe(["feedback", "obligation-fulfilled"]);
        var details = d.State.Obligations.Single().Details;
        details.GetString("verification").ShouldBe("confirmed");
        details.GetString("feedbackMethod").ShouldBe("phone");
        details.GetString("feedbackSatisfied").ShouldBe("true");
        details.GetString("feedbackAt").ShouldBe(d.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Verification_Unfounded_NeedsOnlyTheFollowUp()
    {
        var d = Issued();
        d.Send("rate", ApplicantActor, Payload(("level", 1)));

        d.Send("verify-rating", Supervisor, Payload(("result", "unfounded"), ("note", "与本事项无关")));
        var rectify = d.Refuse("rectify", Supervisor, Payload(("note", "x")));
        var events = d.Send("feedback", Supervisor, Payload(("note", "已向申请人说明")));

        rectify.Reason.ShouldBe("该差评经核实不属实，无需整改，回访说明即可。");
        Types(events).ShouldBe(["feedback", "obligation-fulfilled"]);
    }

    [Fact]
    public void Verification_Twice_IsRejected_AndAnUnknownResultIsHQ6014()
    {
        var d = Issued();
        d.Send("rate", ApplicantActor, Payload(("level", 1)));

        d.Refuse("verify-rating", Supervisor, Payload(("result", "maybe"))).Code.ShouldBe("HQ6014");
        d.Send("verify-rating", Supervisor, Payload(("result", "confirmed")));
        d.Refuse("verify-rating", Supervisor, Payload(("result", "unfounded"))).Code.ShouldBe("HQ6051");
    }

    [Fact]
    public void Verification_ByTheWindow_IsNotAllowed()
    {
        var d = Issued();
        d.Send("rate", ApplicantActor, Payload(("level", 1)));

        d.Refuse("verify-rating", Window, Payload(("result", "confirmed"))).Code.ShouldBe("HQ6005");
    }

    [Fact]
    public void FollowUp_UnknownMethod_IsRejectedWithHQ6014()
    {
        var d = Issued();
        d.Send("rate", ApplicantActor, Payload(("level", 1)));

        d.Refuse("feedback", Supervisor, Payload(("note", "x"), ("method", "pigeon"))).Code.ShouldBe("HQ6014");
    }

    [Fact]
    public void Rectification_ConfiguredPeriod_IsCountedInWorkingDays()
    {
        var d = Issued(new RatingPolicy { RectifyWithin = Duration.WorkingDays(5) });

        d.Send("rate", ApplicantActor, Payload(("level", 2)));

        // Five whole working days from the working day after Monday 09-23: Monday 09-30 at close of business.
        d.State.OpenObligation("rectification")!.Due.ShouldBe(new DateTimeOffset(2024, 9, 30, 17, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void DefaultRating_PerService_OnlyTheEndGetsTheDefault()
    {
        var d = AtIssuing(With(new RatingPolicy { Per = RatingPer.Service, DefaultAfter = Duration.Days(7) }));
        d.Send("rate", ApplicantActor, Payload(("level", 4)));
        d.Send("issue", Window);

        Types(d.Fire(TimerKind.RatingDefault)).ShouldBe(["timer", "rate"]);

        d.State.Ratings.Select(r => (r.Stage, r.Level, r.Defaulted)).ShouldBe([("accepted", 4, false), ("finished", 3, true)]);
    }

    [Fact]
    public void DefaultRating_RatedBeforeTheTimer_RecordsNoDefault()
    {
        var d = AtIssuing(With(new RatingPolicy { DefaultAfter = Duration.Days(7) }));
        d.Send("issue", Window);
        d.Send("rate", ApplicantActor, Payload(("level", 5)));

        Types(d.Fire(TimerKind.RatingDefault)).ShouldBe(["timer"]);

        d.State.AllRatings.Select(r => r.Level).ShouldBe([5]);
    }
}
