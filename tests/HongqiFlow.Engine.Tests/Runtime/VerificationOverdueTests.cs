using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

/// <summary>
/// 事后核查 past its due time is the administration's delay, not the applicant's false pledge: a warning to the
/// supervisor and the lead, the verification still open; only a false pledge — found on time or late — revokes and
/// writes a credit record. No notice states an outcome that did not happen.
/// </summary>
public sealed class VerificationOverdueTests
{
    private static readonly Actor Housing = Actor.OfDepartment("housing", "h-1");

    private static CaseDriver GrantedOnPledge(Applicant? applicant = null)
    {
        var definition = ReferenceCatalog.All().Single(d => d.Code == "SGXK-0901");
        var d = new CaseDriver(definition, new DateTimeOffset(2025, 5, 21, 9, 0, 0, TimeSpan.FromHours(8)));
        d.Accept(Command.StartCase(new CaseStart
        {
            CaseId = "case-1", Receipt = "SGXK-20250521-0001", Applicant = applicant ?? new Applicant("某建设有限公司", "91110000300000000X"),
            Submitted = new(["application", "construction-contract", "supervision-contract", "funding-proof", "safety-measures"]),
        }, Window));
        d.Send("accept-committed", Window);
        d.Send("grant", Housing);
        return d;
    }

    /// <summary>Notices saying a permit was revoked or a credit record written, sent in a decision that wrote no credit record.</summary>
    internal static List<string> CreditNoticesWithoutRecord(CompiledDefinition definition, IReadOnlyList<CaseEvent> events)
    {
        if (events.Any(e => e.Type == CaseEventTypes.CreditRecord))
        {
            return [];
        }

        return [.. events.Where(e => e.Type == CaseEventTypes.Notification)
            .Where(e => (e.Data.GetString("body") ?? string.Empty) is var body && (body.Contains("已记入", StringComparison.Ordinal) && body.Contains("信用", StringComparison.Ordinal) || body.Contains("已撤销", StringComparison.Ordinal))
                || definition.Template(e.Data.GetString("template") ?? string.Empty)?.For.Contains("obligation verification breached") == true)
            .Select(e => $"{e.Data.GetString("template")} to {e.Data.GetString("recipient")}: {e.Data.GetString("body")}")];
    }

    [Fact]
    public void VerificationPastItsDueTime_WarnsTheSupervisorAndTheLead_AndRevokesNothing()
    {
        var d = GrantedOnPledge();

        var events = d.Fire(TimerKind.ObligationDue);

        CreditNoticesWithoutRecord(d.Definition, events).ShouldBeEmpty();
        Types(events).ShouldContain(CaseEventTypes.ObligationOverdue);
        Types(events).ShouldNotContain(CaseEventTypes.ObligationBreached);
        Types(events).ShouldNotContain(CaseEventTypes.CreditRecord);
        events.Where(e => e.Type == CaseEventTypes.Notification).Select(e => $"{e.Data.GetString("recipient")}:{e.Data.GetString("template")}")
            .ShouldBe(["supervisor:verification-overdue", "department:housing:verification-overdue"]);
        d.State.Outcome.ShouldBe("approved");
        d.State.MainState.ShouldBe("permitted");
        d.State.OpenObligation(Obligation.VerificationId).ShouldNotBeNull();
        d.State.Warnings.ShouldHaveSingleItem().ShouldBe(new CaseWarning(WarningLevel.Red, "obligation:verification", d.Now));
        d.Definition.ScopeTitle("obligation:verification").ShouldBe("事后核查");
        Engine.PermittedEvents(d.Definition, d.State, Housing, d.Now).Select(p => p.Event).ShouldContain(BuiltInEvents.Verify);
    }

    [Fact]
    public void FalsePledgeFoundLate_StillRevokes_AndWritesTheCreditRecordTheNoticeSpeaksOf()
    {
        var d = GrantedOnPledge();
        d.Fire(TimerKind.ObligationDue);
        d.Now = d.Now.AddDays(3);

        var events = d.Send("verify", Housing, Payload(("result", "failed"), ("note", "逾期核查发现施工图未经审查")));

        d.State.Outcome.ShouldBe("revoked");
        Types(events).ShouldContain(CaseEventTypes.CreditRecord);
        Types(events).ShouldContain(CaseEventTypes.ObligationBreached);
        events.Single(e => e.Type == CaseEventTypes.Notification && e.Data.GetString("template") == "credit-notice").Data.GetString("recipient").ShouldBe("supervisor");
    }

    [Fact]
    public void VerificationPassedLate_FulfilsTheObligation()
    {
        var d = GrantedOnPledge();
        d.Fire(TimerKind.ObligationDue);

        d.Send("verify", Housing, Payload(("result", "passed")));

        d.State.OpenObligation(Obligation.VerificationId).ShouldBeNull();
        d.State.Outcome.ShouldBe("approved");
    }

    [Fact]
    public void CreditNotice_ForAnApplicantWithoutAnIdNumber_ShowsADashNotThePlaceholder()
    {
        var d = GrantedOnPledge(new Applicant("某建设有限公司"));

        var events = d.Send("verify", Housing, Payload(("result", "failed")));

        var body = events.Single(e => e.Type == CaseEventTypes.Notification && e.Data.GetString("template") == "credit-notice").Data.GetString("body")!;
        body.ShouldNotContain("{{");
        body.ShouldContain("申请人 某建设有限公司（—）的虚假承诺");
    }

    [Fact]
    public void Render_PlaceholdersWithoutAValue_AreADash()
    {
        var d = GrantedOnPledge(new Applicant("某建设有限公司"));
        var rule = new NotificationRule { Kind = NotificationTriggerKind.Event, Subject = "grant", To = "applicant", Template = "t" };
        var definition = CompiledDefinition.Compile(
            d.Definition.Definition with
            {
                Templates = new([new TemplateDefinition { Id = "t", Title = "{{applicant.phone}}", Body = "{{applicant.idNumber}}|{{data.nothing}}|{{no.such.key}}|{{applicant.name}}" }]),
            },
            d.Definition.Calendar, d.Definition.Guards, d.Definition.Organization);

        var (title, body) = Templates.Render(definition, d.State, rule, d.Now, "grant");

        title.ShouldBe("—");
        body.ShouldBe("—|—|—|某建设有限公司");
    }
}
