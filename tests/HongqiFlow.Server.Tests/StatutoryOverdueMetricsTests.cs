using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Supervision;

namespace HongqiFlow.Server.Tests;

/// <summary>超过法定时限 counts in the indicators apart from the promised limit (企业开办: promised 0.5wd, statutory 8.5wd).</summary>
public sealed class StatutoryOverdueMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2024, 9, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly DefinitionLibrary _library = DefinitionLibrary.Load(Repository.Path("definitions"));

    public void Dispose() => _library.Dispose();

    [Fact]
    public void Metrics_CasesPastThePromisedAndPastTheStatutoryLimit_CountTheStatutoryOnesApart()
    {
        var definition = _library.Find("QYKB-0001")!;
        var onTime = Accepted(definition, "case-1");
        var pastPromised = Accepted(definition, "case-2");
        var pastStatutory = Accepted(definition, "case-3");
        var now = Monday.AddDays(1);
        var statutoryDue = pastStatutory.State.Timers.Single(t => t.Kind == TimerKind.StatutoryLimit).Due;
        var late = Fire(definition, Fire(definition, pastStatutory, TimerKind.CaseRed), TimerKind.StatutoryLimit);

        var facts = new[]
        {
            Record(definition, onTime).Facts(Monday.AddHours(1)),
            Record(definition, pastPromised).Facts(now),
            Record(definition, late).Facts(statutoryDue.AddHours(1)),
        };
        var indicators = MetricsCalculator.Compute(facts);

        facts.Select(f => f.OverdueStatutory).ShouldBe([false, false, true]);
        indicators.OverdueCaseRate.ShouldBe(0.6667);
        indicators.StatutoryOverdueCases.ShouldBe(1);
        indicators.StatutoryOverdueRate.ShouldBe(0.3333);
        facts[2].OverdueSteps.ShouldBe(0, "the statutory and promised warnings are about the case, not a step");
        late.History.ShouldContain(e => e.Type == CaseEventTypes.StatutoryOverdue && e.Flagged);
        SupervisionEndpoints.Csv(new MetricsResponse(Monday, now, indicators, new Dictionary<string, Indicators>(), new Dictionary<string, Indicators>()))
            .ShouldContain("overall,all,statutoryOverdueCases,1\n");
    }

    [Fact]
    public void Facts_AnOverdueVerification_IsAboutTheCase_NotALateStep()
    {
        var definition = _library.Find("QYKB-0001")!;
        var history = new List<CaseEvent>();
        var state = CaseState.Initial(definition, "case-9");
        var start = new CaseStart
        {
            CaseId = "case-9", Receipt = "QYKB-case-9", Applicant = new Applicant("孙七", "110101199202021234"),
            Submitted = new(["application", "articles", "shareholder-resolution"]),
        };
        state = Apply(definition, state, history, Command.StartCase(start, Actor.Window("w-1"), Channel.Window), Monday);
        state = Apply(definition, state, history, Command.Send("accept-committed", Actor.Window("w-1"), Channel.Window), Monday);
        var (overdue, _) = Fire(definition, (state, history), TimerKind.ObligationDue);

        var scope = overdue.Warnings.Single(w => w.Level == WarningLevel.Red).Scope;
        scope.ShouldBe("obligation:verification");
        CaseWarning.IsCaseWide(scope).ShouldBeTrue();
        Record(definition, (overdue, history)).Facts(overdue.Warnings.Single().At.AddHours(1)).OverdueSteps.ShouldBe(0, "事后核查 overdue is the lead's, about the case, not a step that ran late");
    }

    private static (CaseState State, List<CaseEvent> History) Accepted(CompiledDefinition definition, string id)
    {
        var history = new List<CaseEvent>();
        var state = CaseState.Initial(definition, id);
        var start = new CaseStart
        {
            CaseId = id, Receipt = $"QYKB-{id}", Applicant = new Applicant("张三", "110101199001011234"),
            Submitted = new(["application", "articles", "premises", "shareholder-resolution"]),
        };
        state = Apply(definition, state, history, Command.StartCase(start, Actor.Window("w-1"), Channel.Window), Monday);
        state = Apply(definition, state, history, Command.Send("accept", Actor.Window("w-1"), Channel.Window), Monday);
        return (state, history);
    }

    private static (CaseState State, List<CaseEvent> History) Fire(CompiledDefinition definition, (CaseState State, List<CaseEvent> History) c, TimerKind kind)
    {
        var timer = c.State.Timers.Where(t => t.Kind == kind).OrderBy(t => t.Due).First();
        return (Apply(definition, c.State, c.History, Command.FireTimer(timer.Id), timer.Due), c.History);
    }

    private static CaseState Apply(CompiledDefinition definition, CaseState state, List<CaseEvent> history, Command command, DateTimeOffset at)
    {
        var accepted = Engine.Decide(definition, state, command, at).ShouldBeOfType<Accepted>();
        history.AddRange(accepted.Events);
        return accepted.NewState;
    }

    private static CaseRecord Record(CompiledDefinition definition, (CaseState State, List<CaseEvent> History) c) => new(definition, c.History, c.State);
}
