using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class CommitmentTests
{
    // 20wd from Monday 09-23: counted from Tuesday 09-24, the twentieth working day is Monday 10-21.
    private static readonly DateTimeOffset VerifyDue = new(2024, 10, 21, 17, 0, 0, TimeSpan.FromHours(8));

    private static CaseDriver Committed(Applicant? applicant = null)
    {
        var d = Started(submitted: ["application", "articles", "shareholder-resolution"], applicant: applicant);
        d.Send("accept-committed", Window);
        return d;
    }

    [Fact]
    public void AcceptCommitted_CommittableMaterialMissing_DecidesNowAndSchedulesVerification()
    {
        var d = Started(submitted: ["application", "articles", "shareholder-resolution"]);

        var events = d.Send("accept-committed", Window);

        Types(events).Take(5).ShouldBe(["accept-committed", "materials-committed", "obligation-opened", "timer-set", "clock-started"]);
        d.State.MainState.ShouldBe("approval");
        d.State.Materials.Committed.ShouldBe(["premises"]);
        d.State.OpenObligation("verification")!.ShouldBe(new Obligation("verification", ObligationKind.Verification, Monday, VerifyDue,
            ObligationStatus.Open, ValueMap.Of(("materials", new[] { "premises" }))));
    }

    [Fact]
    public void AcceptCommitted_MaterialNotCommittable_IsRejectedWithHQ6031()
    {
        var d = Started(submitted: ["application", "articles", "premises"]);

        var rejection = d.Refuse("accept-committed", Window);

        rejection.Code.ShouldBe("HQ6031");
        rejection.Reason.ShouldBe("以下材料不能以承诺代替：股东会决议。");
    }

    [Fact]
    public void AcceptCommitted_ApplicantWithPastFalsePledge_IsRejectedWithHQ6032()
    {
        var d = Started(submitted: ["application", "articles", "shareholder-resolution"], applicant: ZhangSan with { FalsePledge = true });

        d.Refuse("accept-committed", Window).Reason.ShouldBe("申请人曾有虚假承诺记录，不适用告知承诺制。");
    }

    [Fact]
    public void AcceptCommitted_ItemWithoutCommitmentRule_IsRejectedWithHQ6030()
    {
        var d = Started(TestDefinitions.Compile(TestDefinitions.Enterprise() with { Commitment = null }), submitted: ["application", "articles", "shareholder-resolution"]);

        d.Refuse("accept-committed", Window).Code.ShouldBe("HQ6030");
    }

    [Fact]
    public void Verify_Passed_FulfilsTheVerification()
    {
        var d = Committed();

        var events = d.Send("verify", Market, Payload(("result", "passed"), ("note", "现场核查属实")));

        Types(events).ShouldBe(["verify", "obligation-fulfilled"]);
        d.State.Obligations.Single().Status.ShouldBe(ObligationStatus.Fulfilled);
        d.State.MainState.ShouldBe("approval");
    }

    [Fact]
    public void Verify_FailedAfterIssue_RevokesTheFinishedCaseAndWritesACreditRecord()
    {
        var d = Committed();
        d.Send("approve", Market);
        d.Send("approve", Tax);
        d.Send("approve", Social);
        d.Send("issue", Window);
        d.Now = new DateTimeOffset(2024, 10, 8, 10, 0, 0, TimeSpan.FromHours(8));

        var events = d.Send("verify", Market, Payload(("result", "failed"), ("note", "住所虚假")));

        Types(events).ShouldBe(["verify", "obligation-breached", "credit-record"]);
        events[0].Regions.ShouldBe(Regions(("main", "revoked", d.Now)));
        events[2].Flagged.ShouldBeTrue();
        events[2].Data.ShouldBe(ValueMap.Of(("kind", "false-pledge"), ("applicant", "张三"), ("idNumber", "110101********1234"),
            ("materials", new[] { "premises" }), ("note", "住所虚假")));
        d.State.Outcome.ShouldBe("revoked");
    }

    [Fact]
    public void Verify_WithoutOpenVerification_IsRejectedWithHQ6034()
    {
        var d = Started();
        d.Send("accept", Window);

        d.Refuse("verify", Market, Payload(("result", "failed"))).Code.ShouldBe("HQ6034");
    }

    [Fact]
    public void Verify_ResultNeitherPassedNorFailed_IsRejectedWithHQ6014()
    {
        Committed().Refuse("verify", Market, Payload(("result", "maybe"))).Reason.ShouldBe("核查结果（result）应为 passed 或 failed。");
    }
}
