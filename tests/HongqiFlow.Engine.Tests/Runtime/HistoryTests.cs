using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

public sealed class HistoryTests
{
    [Fact]
    public void Replay_FullCaseFromInitial_RebuildsExactlyTheSameState()
    {
        var d = FullCase();

        var replayed = Engine.Replay(d.Definition, "case-1", d.History);

        replayed.ShouldBe(d.State);
        replayed.Version.ShouldBe(d.History.Count);
        replayed.Assisted.ShouldBeTrue();
    }

    [Fact]
    public void Events_EveryOneRecordsWhoWhenChannelAndResultingState_InContiguousSequence()
    {
        var d = AtIssuing();
        d.Send("issue", Window, channel: Channel.Online);

        d.History.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, d.History.Count).Select(i => (long)i));
        d.History.ShouldAllBe(e => e.Regions.Count > 0 && e.Actor.UserId.Length > 0 && e.At == Monday);
        var issue = d.History.Single(e => e.Type == "issue");
        issue.Actor.ShouldBe(Window);
        issue.Channel.ShouldBe(Channel.Online);
        issue.Regions.ShouldBe(Regions(("main", "issued", Monday)));
    }

    [Fact]
    public void Apply_OneEventAtATime_MatchesTheDecidedStateAfterEachCommand()
    {
        var d = Started();
        var events = d.Send("accept", Window);
        var before = Engine.Replay(d.Definition, "case-1", d.History.Take(d.History.Count - events.Count));

        var folded = events.Aggregate(before, (s, e) => Engine.Apply(d.Definition, s, e));

        folded.ShouldBe(d.State);
    }

    [Fact]
    public void Decide_GuardThatLoopsForever_IsRejectedWithTheGuardLocationAndTheCaseUnchanged()
    {
        var looping = TestDefinitions.Guard("while (true) {}", 42, 64, "/states/received/on/accept/when");
        var definition = TestDefinitions.WithState("received", s => s with
        {
            Transitions = new(s.Transitions.Select(t => t.Event == "accept" ? t with { When = looping } : t)),
        });
        var d = Started(TestDefinitions.Compile(definition));

        var rejection = d.Refuse("accept", Window);

        rejection.Code.ShouldBe("HQ6011");
        rejection.Location.ShouldBe(new Diagnostics.SourceLocation(TestDefinitions.File, 42, 64, "/states/received/on/accept/when"));
        rejection.Reason.ShouldBe("条件“while (true) {}”执行出错，办件未作任何改变：definitions/enterprise-establishment.yaml:42:64: the guard ran longer than 200 ms and was stopped");
        rejection.Permitted.Select(p => p.Event).ShouldNotContain("accept");
        d.State.MainState.ShouldBe("received");
    }

    [Fact]
    public void Decide_IsPure_TheSameInputGivesEqualDecisions()
    {
        var d = Started();

        var a = (Accepted)Engine.Decide(d.Definition, d.State, Command.Send("accept", Window), d.Now);
        var b = (Accepted)Engine.Decide(d.Definition, d.State, Command.Send("accept", Window), d.Now);

        a.NewState.ShouldBe(b.NewState);
        a.Events.ShouldBe(b.Events);
    }

    [Fact]
    public void DomainEventPayloadData_LandsInCaseData()
    {
        var d = Started();

        d.Send("accept", Window, Payload(("data", ValueMap.Of(("capital", 500000), ("industry", "软件")))));

        d.State.Data.ShouldBe(ValueMap.Of(("capital", 500000m), ("industry", "软件")));
    }

    [Fact]
    public void ValueMap_BuiltFromDifferentNumberTypesAndLists_ComparesByValue()
    {
        var a = ValueMap.Of(("n", 1), ("list", new List<string> { "x" }), ("nested", new Dictionary<string, object?> { ["k"] = 2L }));
        var b = ValueMap.Of(("nested", ValueMap.Of(("k", 2m))), ("list", new ValueList<object?>(["x"])), ("n", 1.0));

        a.ShouldBe(b);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.ToString().ShouldBe("{list: [x], n: 1, nested: {k: 2}}");
    }
}
