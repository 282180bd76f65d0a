using HongqiFlow.Diagnostics;
using HongqiFlow.Runtime;
using HongqiFlow.Samples;

namespace HongqiFlow.Hosting;

/// <summary>
/// Runs a sample (or a list of steps written as one) against a definition — a draft text or a compiled version — on a
/// virtual clock, through the same engine and <see cref="SampleRunner"/> as <c>hongqi test</c>, and reports every step.
/// The designer's simulation calls this through the server, so there is one engine.
/// </summary>
public sealed class Simulator(DefinitionRegistry registry)
{
    /// <summary>Checks and compiles <paramref name="yaml"/> (not published), then runs the sample against it.</summary>
    public SimulationResult Run(string yaml, Sample sample)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sample);
        var checkedDraft = registry.Check(yaml);
        if (!checkedDraft.IsValid)
        {
            return new SimulationResult([], [], checkedDraft.Diagnostics);
        }

        ScratchDefinition draft;
        try
        {
            draft = registry.CompileScratch(checkedDraft.Model!);
        }
        catch (DefinitionException ex)
        {
            return new SimulationResult([], [], ex.Diagnostics);
        }

        // The result holds states and events only, so the draft's guards are unloaded as soon as the run ends.
        using (draft)
        {
            var result = Run(draft.Definition, sample);
            return result with { Diagnostics = checkedDraft.Diagnostics };
        }
    }

    /// <summary>Runs the sample against a compiled definition, whatever definition the sample names.</summary>
    public static SimulationResult Run(CompiledDefinition definition, Sample sample)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var outcome = SampleRunner.Run(sample, definition);
        var steps = outcome.Steps.Select(s => new SimulationStep(
            s.Index,
            s.Label,
            s.Now,
            [.. s.State.Regions],
            s.State.Outcome,
            Engine.Clock(definition, s.State, s.Now),
            [.. s.State.Warnings],
            [.. s.State.Obligations.Where(o => o.IsOpen)],
            [.. s.State.Materials.Missing],
            s.Events,
            [.. s.Events.Where(e => e.Type == CaseEventTypes.Notification)],
            s.Rejection)).ToList();
        return new SimulationResult(steps, outcome.Failures, [])
        {
            ScopeTitles = steps.SelectMany(s => s.Warnings).Select(w => w.Scope).Distinct(StringComparer.Ordinal)
                .ToDictionary(scope => scope, definition.ScopeTitle, StringComparer.Ordinal),
        };
    }
}
