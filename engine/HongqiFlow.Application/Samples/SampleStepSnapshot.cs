using HongqiFlow.Runtime;

namespace HongqiFlow.Samples;

/// <summary>The case as one step of a sample left it: the virtual time, the state, the events the step recorded (fired timers included) and the rejection of its event, if any.</summary>
public sealed record SampleStepSnapshot(int Index, string Label, DateTimeOffset Now, CaseState State, IReadOnlyList<CaseEvent> Events, Rejection? Rejection);
