using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

/// <summary>容缺 and 告知承诺 in one acceptance: one material tolerated, another pledged, both obligations open, both rules enforced.</summary>
public sealed class ToleranceWithCommitmentTests
{
    private const string Both = "accept-tolerated-committed";

    private static readonly CompiledDefinition Definition = TestDefinitions.Compile(TestDefinitions.WithState("received", s => s with
    {
        Transitions = new(s.Transitions.Append(new TransitionDefinition { Event = Both, Target = "approval", By = new[] { "window" }, Tolerance = true, Commitment = true })),
    }));

    /// <summary>The resolution (tolerable only) and the premises proof (tolerable and committable) are missing.</summary>
    private static CaseDriver TwoMissing(Applicant? applicant = null) =>
        Started(Definition, submitted: ["application", "articles"], applicant: applicant);

    [Fact]
    public void Accept_TolerableAndCommittableMissing_ToleratesOneAndTakesAPledgeForTheOther_OpeningBothObligations()
    {
        var d = TwoMissing();

        var events = d.Send(Both, Window);

        Types(events).ShouldContain(CaseEventTypes.MaterialsTolerated);
        Types(events).ShouldContain(CaseEventTypes.MaterialsCommitted);
        d.State.Materials.Tolerated.ShouldBe(["shareholder-resolution"]);
        d.State.Materials.Committed.ShouldBe(["premises"]);
        d.State.Materials.Missing.ShouldBeEmpty();
        d.State.OpenObligation(Obligation.SupplementId)!.Materials.ShouldBe(["shareholder-resolution"]);
        d.State.OpenObligation(Obligation.VerificationId)!.Materials.ShouldBe(["premises"]);
        d.State.MainState.ShouldBe("approval");
    }

    [Fact]
    public void Accept_Both_ResultStaysBlockedUntilTheToleratedMaterialArrives()
    {
        var d = TwoMissing();
        d.Send(Both, Window);
        d.Send("approve", Market, branch: "market");
        d.Send("approve", Tax, branch: "tax");
        d.Send("approve", Social, branch: "social");

        d.Refuse("issue", Window).Code.ShouldBe("HQ6033");
        d.Send("supplement", ApplicantActor, Payload(("materials", new[] { "shareholder-resolution" })));
        d.Send("issue", Window);

        d.State.Outcome.ShouldBe("approved");
        d.State.OpenObligation(Obligation.VerificationId).ShouldNotBeNull();
    }

    [Fact]
    public void Accept_Both_ToleratingMoreThanTheCap_IsRefusedWithHQ6022()
    {
        var rejection = TwoMissing().Refuse(Both, Window, Payload(("tolerated", new[] { "premises" })));

        rejection.Code.ShouldBe("HQ6022");
        rejection.Reason.ShouldStartWith("容缺 2 项材料（住所（经营场所）使用证明、股东会决议），超过容缺上限 1 项");
    }

    [Fact]
    public void Accept_Both_BadCreditApplicant_CannotHaveTheToleratedPart()
    {
        var d = TwoMissing(ZhangSan with { BadCredit = true });

        d.Refuse(Both, Window).Code.ShouldBe("HQ6023");
        Engine.PermittedEvents(d.Definition, d.State, Window, d.Now).ShouldNotContain(e => e.Event == Both);
    }

    [Fact]
    public void Accept_Both_PastFalsePledge_CannotPledge()
    {
        TwoMissing(ZhangSan with { FalsePledge = true }).Refuse(Both, Window).Code.ShouldBe("HQ6032");
    }

    [Fact]
    public void Accept_Both_CoreMaterialMissing_IsRefusedAsNeitherTolerableNorCommittable()
    {
        var d = Started(Definition, submitted: ["application", "premises", "shareholder-resolution"]);

        var rejection = d.Refuse(Both, Window);

        rejection.Code.ShouldBe("HQ6021");
        rejection.Reason.ShouldBe("缺少的材料既不可容缺也不能以承诺代替：公司章程（主要材料必须提交）。");
    }

    [Fact]
    public void PermittedEvents_TwoMissing_OffersTheCombinedAcceptanceOnly()
    {
        var d = TwoMissing();

        var permitted = Engine.PermittedEvents(d.Definition, d.State, Window, d.Now).Select(e => e.Event).ToList();

        permitted.ShouldContain(Both);
        permitted.ShouldNotContain("accept-tolerated");
        permitted.ShouldNotContain("accept-committed");
    }
}
