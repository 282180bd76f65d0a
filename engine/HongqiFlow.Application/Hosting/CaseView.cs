using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting;

/// <summary>
/// A case as a caller sees it now: the state (every region), the clock against the limits, raised warnings, open
/// obligations and the events <see cref="Viewer"/> may send.
/// </summary>
public sealed record CaseView(
    CaseState State,
    string DefinitionId,
    ClockReport Clock,
    IReadOnlyList<CaseWarning> Warnings,
    IReadOnlyList<Obligation> OpenObligations,
    IReadOnlyList<PermittedEvent> Permitted,
    Actor? Viewer,
    DateTimeOffset Now);
