using HongqiFlow.Diagnostics;
using HongqiFlow.Runtime;

namespace HongqiFlow.Samples;

/// <summary>One failed expectation: where it is written in the sample, what was expected and what happened.</summary>
public sealed record SampleFailure(SourceLocation Location, string What, string Expected, string Actual)
{
    public override string ToString() => $"{Location}: {What}\n    expected: {Expected}\n    actual:   {Actual}";
}

/// <summary>The result of running one sample: its failures (none when it passed), the final case and its history.</summary>
public sealed record SampleOutcome(Sample Sample, IReadOnlyList<SampleFailure> Failures, CaseState? FinalState, IReadOnlyList<CaseEvent> Events, TimeSpan Duration)
{
    public bool Passed => Failures.Count == 0;

    /// <summary>The case after the start (index 0) and after each step (index n for step n).</summary>
    public IReadOnlyList<SampleStepSnapshot> Steps { get; init; } = [];
}
