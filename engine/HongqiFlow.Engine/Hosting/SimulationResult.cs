using HongqiFlow.Diagnostics;
using HongqiFlow.Samples;

namespace HongqiFlow.Hosting;

/// <summary>
/// A simulation: every step's snapshot, the sample's failed expectations, and — when the draft did not read or
/// validate — its diagnostics (then no step ran).
/// </summary>
public sealed record SimulationResult(IReadOnlyList<SimulationStep> Steps, IReadOnlyList<SampleFailure> Failures, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Ran => Diagnostics.All(d => d.Severity != Severity.Error);

    public bool Passed => Ran && Failures.Count == 0;
}
