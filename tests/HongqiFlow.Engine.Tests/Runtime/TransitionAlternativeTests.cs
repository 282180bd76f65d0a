using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

/// <summary>
/// An event written as a list of transitions: the first whose guard holds wins, in the order written (the DSL's rule and
/// the region's Stateless reference semantics). Decide and the permitted events follow it, not the last one written.
/// </summary>
public sealed class TransitionAlternativeTests
{
    /// <summary>After acceptance the window decides: to approval when the score is high, else (unguarded) back to correcting.</summary>
    private static CompiledDefinition Triage(bool highOnlyForDepartment = false)
    {
        var d = TestDefinitions.Enterprise();
        var high = new TransitionDefinition
        {
            Event = "decide", Target = "approval", By = highOnlyForDepartment ? new[] { "department:market-regulation" } : new[] { "window" },
            When = TestDefinitions.Guard("data.score >= 90", 80, 40, "/states/triage/on/decide/0/when"),
        };
        var states = d.States.Select(s => s.Name == "received"
            ? s with { Transitions = new[] { TestDefinitions.On("accept", "triage", "window") } }
            : s).Append(new StateDefinition
            {
                Name = "triage",
                Transitions = new[] { high, TestDefinitions.On("decide", "correcting", "window") },
            });
        return TestDefinitions.Compile(d with { States = new(states) });
    }

    private static CaseDriver Accepted(CompiledDefinition definition, int score)
    {
        var d = new CaseDriver(definition);
        d.Accept(Command.StartCase(new CaseStart
        {
            CaseId = "case-1", Receipt = "R-1", Applicant = ZhangSan, Submitted = new[] { "application", "articles", "premises", "shareholder-resolution" },
            Data = ValueMap.Of(("score", score)),
        }, Window));
        d.Send("accept", Window);
        d.State.MainState.ShouldBe("triage");
        return d;
    }

    [Fact]
    public void Decide_FirstAlternativeGuardHolds_TakesTheFirst()
    {
        var d = Accepted(Triage(), 95);

        d.Send("decide", Window);

        d.State.MainState.ShouldBe("approval");
    }

    [Fact]
    public void Decide_FirstAlternativeGuardFalse_TakesTheNext()
    {
        var d = Accepted(Triage(), 60);

        d.Send("decide", Window);

        d.State.MainState.ShouldBe("correcting");
    }

    [Fact]
    public void Decide_ChosenAlternativeBelongsToAnotherRole_IsRefusedNotRedirected()
    {
        var d = Accepted(Triage(highOnlyForDepartment: true), 95);

        var refused = d.Refuse("decide", Window);

        refused.Code.ShouldBe(RejectionCodes.RoleNotAllowed);
        d.State.MainState.ShouldBe("triage");
    }

    [Fact]
    public void PermittedEvents_ListOnlyTheAlternativeThatWouldBeTaken()
    {
        var definition = Triage();
        var high = Accepted(definition, 95);
        var low = Accepted(definition, 60);

        Engine.PermittedEvents(definition, high.State, Window, Monday.AddDays(1)).Where(p => p.Event == "decide").Select(p => p.Target).ShouldBe(["approval"]);
        Engine.PermittedEvents(definition, low.State, Window, Monday.AddDays(1)).Where(p => p.Event == "decide").Select(p => p.Target).ShouldBe(["correcting"]);
    }

    [Fact]
    public void Decide_AgreesWithTheRegionsStatelessMachine()
    {
        var definition = Triage();
        foreach (var score in new[] { 95, 60 })
        {
            var d = Accepted(definition, score);
            var slot = "triage";
            var machine = definition.Main.Machine(() => slot, s => slot = s);

            machine.Fire("decide", guard => score >= 90);
            d.Send("decide", Window);

            d.State.MainState.ShouldBe(slot);
        }
    }
}
