using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class RoleTests
{
    /// <summary>出证 with extra events for each role form of <c>by:</c>.</summary>
    private static CaseDriver AtIssuingWithRoles() => AtIssuing(TestDefinitions.Compile(TestDefinitions.WithState("issuing", s => s with
    {
        Transitions = new(s.Transitions.Concat([
            TestDefinitions.On("lead-note", null, "lead"),
            TestDefinitions.On("desk-note", null, "department"),
            TestDefinitions.On("tax-note", null, "department:tax"),
            TestDefinitions.On("supervise", null, "supervisor"),
        ])),
    })));

    [Fact]
    public void ByLead_TheItemsLeadDepartment_MayActAsLeadOrAsDepartment()
    {
        var d = AtIssuingWithRoles();

        Types(d.Send("lead-note", MarketLead)).ShouldBe(["lead-note"]);
        Types(d.Send("lead-note", Market)).ShouldBe(["lead-note"]);
        d.Refuse("lead-note", Tax).Reason.ShouldBe("“lead-note”只能由lead操作，当前操作人是department:tax。");
    }

    [Fact]
    public void ByDepartment_InTheMainFlow_MeansTheStatesDepartment()
    {
        var d = AtIssuingWithRoles();

        Types(d.Send("desk-note", Actor.OfDepartment("government-service", "g-1"))).ShouldBe(["desk-note"]);
        d.Refuse("desk-note", Tax).Code.ShouldBe("HQ6005");
    }

    [Fact]
    public void ByNamedDepartment_OnlyThatDepartment()
    {
        var d = AtIssuingWithRoles();

        Types(d.Send("tax-note", Tax)).ShouldBe(["tax-note"]);
        d.Refuse("tax-note", Social).Code.ShouldBe("HQ6005");
    }

    [Fact]
    public void BySupervisor_InternalTransition_RecordsTheEventAndStays()
    {
        var d = AtIssuingWithRoles();

        var events = d.Send("supervise", Actor.Supervisor("sup-1"));

        events.Single().Regions.ShouldBe(Regions(("main", "issuing", Monday)));
        events.Single().Actor.Role.ShouldBe(ActorRole.Supervisor);
        d.Refuse("supervise", Window).Code.ShouldBe("HQ6005");
    }

    [Fact]
    public void PermittedEvents_ForEachRole_ListOnlyWhatThatRoleMaySend()
    {
        var d = AtIssuingWithRoles();

        Engine.PermittedEvents(d.Definition, d.State, Window, d.Now).Select(p => p.ToString()).ShouldBe(["issue", "supplement"]);
        Engine.PermittedEvents(d.Definition, d.State, ApplicantActor, d.Now).Select(p => p.ToString()).ShouldBe(["supplement"]);
        Engine.PermittedEvents(d.Definition, d.State, Tax, d.Now).Select(p => p.ToString()).ShouldBe(["tax-note"]);
    }
}
