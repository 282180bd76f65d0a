using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Validation;
using HongqiFlow.Diagnostics;
using HongqiFlow.Time;
using static HongqiFlow.Tests.Validation.EnterpriseModel;

namespace HongqiFlow.Tests.Validation;

public class DefinitionValidatorTests
{
    private static readonly DefinitionValidator Validator = new();

    private static SourceLocation At(int line, int column, string path) => new("item.yaml", line, column, path);

    [Fact]
    public void Validate_ReferenceItem_ReportsNothing()
    {
        Validator.Validate(Item, Context).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_MisspelledTarget_PointsAtTheTargetAndSuggestsTheClosestState()
    {
        var received = Item.States[0];
        var typo = received with
        {
            Transitions = received.Transitions.Select(t => t.Event == "accept" ? t with { Target = "aproval", At = At(41, 7, "/states/received/on/accept") } : t).ToArray(),
        };

        var context = Context with { Locate = path => path == "/states/received/on/accept/to" ? At(41, 29, path) : null };

        var diagnostic = Validator.Validate(WithState(typo), context).ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("HQ2001");
        diagnostic.Severity.ShouldBe(Severity.Error);
        diagnostic.Message.ShouldBe("event 'accept' of state 'received' goes to 'aproval', which is not a state of the main flow");
        diagnostic.Fix.ShouldBe("did you mean 'approval'?");
        diagnostic.Location.ShouldBe(At(41, 29, "/states/received/on/accept/to"));
    }

    [Fact]
    public void Validate_FragmentTargetsMainFlowState_SaysTheFlowsAreSeparate()
    {
        var review = Review with { States = Review.States.Select(s => s.Name == "reviewing" ? s with { Transitions = s.Transitions.Append(On("escalate", "issuing")).ToArray() } : s).ToArray() };

        var diagnostic = Validator.Validate(Item with { Fragments = new[] { review } }, Context).ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("HQ2001");
        diagnostic.Message.ShouldBe("event 'escalate' of state 'reviewing' goes to 'issuing', which is a state of the main flow, not of fragment 'review'; a flow can only move between its own states");
    }

    [Fact]
    public void Validate_AtLeastFourOfThreeBranches_JoinNeverSatisfied()
    {
        var approval = Approval with { Parallel = Approval.Parallel! with { Join = new JoinPolicy { Kind = JoinKind.AtLeast, Count = 4 } } };

        var diagnostic = Validator.Validate(WithState(approval), Context).ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("HQ2022");
        diagnostic.Message.ShouldBe("the join of 'approval' asks for at least 4 approvals but there are only 3 branches, so it can never be satisfied");
        diagnostic.Fix.ShouldBe("use a number from 1 to 3, or 'all'");
    }

    [Fact]
    public void Validate_UnreachableAndDeadEndStates_BothReported()
    {
        var item = Item with { States = Item.States.Append(State("archive")).ToArray() };

        Codes(item).ShouldBe(["HQ2002", "HQ2006"], ignoreOrder: true);
    }

    [Fact]
    public void Validate_NoInitialState_ReportedOncePerRegion()
    {
        var item = Item with { States = Item.States.Select(s => s with { Initial = false }).ToArray() };

        Codes(item).ShouldBe(["HQ2003"]);
    }

    [Fact]
    public void Validate_CoreMaterialMarkedTolerable_Error()
    {
        var item = Item with { Materials = Item.Materials.Select(m => m.Id == "application" ? m with { Tolerable = true } : m).ToArray() };

        var diagnostic = Validator.Validate(item, Context).ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("HQ2051");
        diagnostic.Message.ShouldBe("material 'application' is both core and tolerable; a core material (主要材料) may never be missing at acceptance");
    }

    [Fact]
    public void Validate_PromisedLongerThanStatutory_Error()
    {
        var item = Item with { Item = Item.Item with { TimeLimit = Item.Item.TimeLimit! with { Promised = Duration.WorkingDays(10) } } };

        Codes(item).ShouldBe(["HQ2061"]);
    }

    [Fact]
    public void Validate_WorkingHoursAgainstWorkingDaysWithoutDayLength_WarnsNotComparable()
    {
        var item = Item with { Item = Item.Item with { TimeLimit = Item.Item.TimeLimit! with { Promised = Duration.WorkingHours(80) } } };

        var diagnostics = Validator.Validate(item, Context);

        diagnostics.Select(d => (d.Code, d.Severity, d.Message)).ShouldBe(
        [
            ("HQ2062", Severity.Warning, "the promised limit (80wh) and the statutory limit (8.5wd) cannot be compared without the calendar's working-day length, so they were not checked"),
            ("HQ2062", Severity.Warning, "the supplement deadline (0.5wd) and the promised limit (80wh) cannot be compared without the calendar's working-day length, so they were not checked"),
        ]);
    }

    [Fact]
    public void Validate_WorkingHoursAgainstWorkingDaysWithCalendarDayLength_Compared()
    {
        var item = Item with { Item = Item.Item with { TimeLimit = Item.Item.TimeLimit! with { Promised = Duration.WorkingHours(80) } } };
        var context = Context with { WorkingDayLength = id => id == "cn-mainland" ? TimeSpan.FromHours(7) : null };

        Codes(item, context).ShouldBe(["HQ2061"]);
    }

    [Fact]
    public void Validate_NaturalDayTimerInRunningStateWhereWorkingDaysRequired_Error()
    {
        var issuing = Item.States.Single(s => s.Name == "issuing");
        var timed = issuing with { Timers = new[] { new TimerDefinition { After = Duration.Days(3), Target = "terminated" } } };

        var diagnostic = Validator.Validate(WithState(timed), Context).ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("HQ2064");
        diagnostic.Fix.ShouldBe("write it in working days, e.g. 3wd");
    }

    [Fact]
    public void Validate_DepartmentRoleInMainFlow_ReportedAsBranchOnly()
    {
        var issuing = Item.States.Single(s => s.Name == "issuing");
        var item = WithState(issuing with { Transitions = new[] { On("issue", "issued", "department") } });

        Codes(item).ShouldBe(["HQ2032"]);
    }

    [Fact]
    public void Validate_UnknownRoleAndDepartment_SuggestClosest()
    {
        var issuing = Item.States.Single(s => s.Name == "issuing");
        var item = WithState(issuing with { Transitions = new[] { On("issue", "issued", "windw", "department:taxes") } });

        var diagnostics = Validator.Validate(item, Context);

        diagnostics.Select(d => (d.Code, d.Fix)).ShouldBe([("HQ2031", "did you mean 'window'?"), ("HQ2030", "did you mean 'tax'?")], ignoreOrder: true);
    }

    [Fact]
    public void Validate_ExpressionHook_ItsDiagnosticsAreReturned()
    {
        IReadOnlyList<ExpressionSource>? seen = null;
        var hookDiagnostic = new Diagnostic("HQ3001", Severity.Error, "guard does not parse", At(41, 60, "/states/received/on/accept/when"));
        var context = Context with { CheckExpressions = expressions => { seen = expressions; return [hookDiagnostic]; } };

        var diagnostics = Validator.Validate(Item, context);

        diagnostics.ShouldBe([hookDiagnostic]);
        seen!.Select(e => e.Code).ShouldBe(["missing.length === 0", "!obligations.open('supplement')"]);
    }

    [Fact]
    public void Validate_GuardNamesUnknownMaterial_LocatedInsideTheExpression()
    {
        var received = Item.States[0];
        var guarded = received with
        {
            Transitions = received.Transitions.Select(t => t.Event == "accept" ? t with { When = Js("!missing.includes('premisses')", 41, 60) with { At = At(41, 59, "/states/received/on/accept/when") } } : t).ToArray(),
        };

        var diagnostic = Validator.Validate(WithState(guarded), Context).ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("HQ2035");
        diagnostic.Location.ShouldBe(At(41, 79, "/states/received/on/accept/when"));
        diagnostic.Fix.ShouldBe("did you mean 'premises'?");
    }

    [Fact]
    public void Validate_SourceMapKnowsTheValue_LocatesTheValueNotTheNode()
    {
        var item = Item with { Item = Item.Item with { Lead = "market", At = At(5, 1, "/item") } };
        var context = Context with { Locate = path => path == "/item/lead" ? At(10, 9, "/item/lead") : null };

        var diagnostic = Validator.Validate(item, context).ShouldHaveSingleItem();

        diagnostic.Code.ShouldBe("HQ2030");
        diagnostic.Location.ShouldBe(At(10, 9, "/item/lead"));
        diagnostic.Message.ShouldBe("the lead department names department 'market', which is not in organization.yaml");
        diagnostic.Fix.ShouldBe("did you mean 'market-regulation'?");
    }

    [Fact]
    public void Validate_UnknownCalendar_OnlyWhenCalendarsAreKnown()
    {
        var item = Item with { Item = Item.Item with { Calendar = "cn-mainlnd" } };

        Codes(item).ShouldBe(["HQ2033"]);
        Codes(item, Context with { CalendarIds = null }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("aproval", "approval", 1)]
    [InlineData("approval", "approval", 0)]
    [InlineData("issnig", "issuing", 2)]
    public void Distance_CountsEditsAndTranspositions(string a, string b, int expected)
    {
        HongqiFlow.Diagnostics.Suggestions.Distance(a, b).ShouldBe(expected);
    }

    [Fact]
    public void Fix_NothingClose_ListsTheKnownNames()
    {
        HongqiFlow.Diagnostics.Suggestions.Fix("zzz", ["tax", "market-regulation"], "department").ShouldBe("known departments: market-regulation, tax");
    }
}
