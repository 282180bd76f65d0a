using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting;

/// <summary>
/// The case after one simulated step: the state of every region, the clock, warnings, open obligations, the events
/// the step recorded (fired timers included), the notifications among them, and the rejection of its event.
/// </summary>
public sealed record SimulationStep(
    int Index,
    string Label,
    DateTimeOffset Now,
    IReadOnlyList<RegionState> Regions,
    string? Outcome,
    ClockReport Clock,
    IReadOnlyList<CaseWarning> Warnings,
    IReadOnlyList<Obligation> OpenObligations,
    IReadOnlyList<string> Missing,
    IReadOnlyList<CaseEvent> Events,
    IReadOnlyList<CaseEvent> Notifications,
    Rejection? Rejection);
