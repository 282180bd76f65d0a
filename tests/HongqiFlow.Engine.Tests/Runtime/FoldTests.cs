using HongqiFlow.Runtime;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;

namespace HongqiFlow.Tests.Runtime;

/// <summary>
/// A decision folds runs of events with one state copy (<c>Folder.Apply</c> over several events); a replay folds them
/// one by one. The two must agree event for event, including the rarer events the fold copies the state for.
/// </summary>
public sealed class FoldTests
{
    [Fact]
    public void Apply_WholeHistoryAtOnce_EqualsFoldingOneEventAtATime()
    {
        var d = FullCase();
        var history = d.History.ToArray();

        var atOnce = Folder.Apply(d.Definition, CaseState.Initial(d.Definition, "case-1"), history);

        atOnce.ShouldBe(Engine.Replay(d.Definition, "case-1", history));
        atOnce.ShouldBe(d.State);
        atOnce.Version.ShouldBe(history.Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Apply_HistoryInRuns_EqualsTheDecidedStateAfterEveryRun(int run)
    {
        var d = Started(submitted: ["application", "articles", "premises"]);
        d.Send("accept-tolerated", Window);
        d.Send("approve", Market);
        var history = d.History.ToArray();

        var state = CaseState.Initial(d.Definition, "case-1");
        for (var i = 0; i < history.Length; i += run)
        {
            var events = history.AsSpan(i, Math.Min(run, history.Length - i));
            state = Folder.Apply(d.Definition, state, events);
            state.ShouldBe(Engine.Replay(d.Definition, "case-1", history.Take(i + events.Length)));
        }
    }

    [Fact]
    public void Apply_NoEvents_ReturnsTheSameState()
    {
        var d = Started();

        Folder.Apply(d.Definition, d.State, ReadOnlySpan<CaseEvent>.Empty).ShouldBeSameAs(d.State);
    }
}
