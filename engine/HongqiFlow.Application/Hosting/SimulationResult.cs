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

    /// <summary>
    /// What people call each warning scope met in the steps (<see cref="Runtime.CompiledDefinition.ScopeTitle"/>):
    /// a branch's or a step's title, null for the whole case. Kept here because a draft's definition is gone once the
    /// run ends.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ScopeTitles { get; init; } = new Dictionary<string, string?>();
}
