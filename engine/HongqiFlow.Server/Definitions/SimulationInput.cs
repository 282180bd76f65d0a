using System.Text.Json;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Hosting;
using HongqiFlow.Samples;
using HongqiFlow.Time;

namespace HongqiFlow.Server.Definitions;

/// <summary>One hand-written step of a simulation: wait (<c>after</c> a duration or until <c>at</c>), then send an event.</summary>
public sealed record SimulateStep(string? Send, string? By, string? Branch, string? User, string? Channel, string? After, DateTimeOffset? At, Dictionary<string, JsonElement>? Payload);

/// <summary>The case a hand-written simulation starts.</summary>
public sealed record SimulateCase(string? Channel, bool Assisted, Dictionary<string, JsonElement>? Applicant, IReadOnlyList<string>? Submitted, Dictionary<string, JsonElement>? Data);

/// <summary>POST /api/definitions/simulate: a YAML text and either a sample (YAML text, as <c>hongqi test</c> reads) or steps.</summary>
public sealed record SimulateRequest(string? Yaml, string? Sample, SimulateCase? Case, IReadOnlyList<SimulateStep>? Steps, DateTimeOffset? Clock);

/// <summary>Turns a simulate request into the <see cref="Sample"/> the engine's sample runner executes.</summary>
public static class SimulationInput
{
    /// <summary>
    /// Builds the sample. Without a <c>case</c>, the simulated applicant hands in <paramref name="completeApplication"/>
    /// (every material the item does not fetch by data sharing), so a first <c>accept</c> goes through.
    /// </summary>
    public static (Sample? Sample, Dictionary<string, string[]> Errors) Build(SimulateRequest body, DateTimeOffset now, IReadOnlyList<string>? completeApplication = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Yaml))
        {
            errors["yaml"] = ["required: the YAML text of the definition to simulate"];
        }

        if (body.Sample is null == body.Steps is null)
        {
            errors["sample"] = ["give either 'sample' (a sample YAML text) or 'steps' (a list of steps), not both or neither"];
            return (null, errors);
        }

        if (body.Sample is { } text)
        {
            var (sample, diagnostics) = SampleReader.Read(text, "sample.yaml");
            foreach (var d in diagnostics.Where(d => d.Severity == Diagnostics.Severity.Error))
            {
                errors[$"sample:{d.Location.Line}:{d.Location.Column}"] = [$"{d.Code}: {d.Message}"];
            }

            if (sample is not null && body.Clock is { } clock)
            {
                sample = sample with { Clock = clock };
            }

            return (errors.Count == 0 ? sample : null, errors);
        }

        var steps = new List<SampleStep>();
        for (var i = 0; i < body.Steps!.Count; i++)
        {
            var step = body.Steps[i];
            Duration? after = null;
            if (step.After is { } afterText)
            {
                if (Duration.TryParse(afterText, out var parsed, out var error))
                {
                    after = parsed;
                }
                else
                {
                    errors[$"steps[{i}].after"] = [error is null ? $"'{afterText}' is not a duration" : FormattableString.Invariant(error)];
                }
            }

            if (step.Send is null && after is null && step.At is null)
            {
                errors[$"steps[{i}]"] = ["a step sends an event ('send') or moves the clock ('after' or 'at')"];
            }

            steps.Add(new SampleStep
            {
                Send = step.Send,
                By = step.By,
                Branch = step.Branch,
                User = step.User,
                Channel = step.Channel,
                After = after,
                AtTime = step.At,
                Payload = Http.JsonValues.From(step.Payload),
            });
        }

        var start = body.Case ?? new SimulateCase(null, false, null, completeApplication ?? [], null);
        var applicant = Http.JsonValues.From(start.Applicant);
        if (!applicant.ContainsKey("name"))
        {
            applicant = new Dictionary<string, object?>(applicant) { ["name"] = "模拟申请人" };
        }

        var built = new Sample
        {
            Name = "simulation",
            Definition = "draft",
            Clock = body.Clock ?? now,
            Case = new SampleCase
            {
                Channel = start.Channel ?? "window",
                Assisted = start.Assisted,
                Applicant = applicant,
                Submitted = new ValueList<string>(start.Submitted ?? []),
                Data = Http.JsonValues.From(start.Data),
            },
            Steps = new ValueList<SampleStep>(steps),
        };
        return (errors.Count == 0 ? built : null, errors);
    }
}

/// <summary>
/// Each simulated step: state per region, clock, warnings, open obligations, missing materials, events and
/// notifications, rejection; a sample's failed expectations in English (<see cref="Failures"/>) and Chinese
/// (<see cref="FailuresZh"/>, the same order).
/// </summary>
public sealed record SimulateResponse(
    bool Ran,
    bool Passed,
    IReadOnlyList<SimulateStepView> Steps,
    IReadOnlyList<string> Failures,
    IReadOnlyList<string> FailuresZh,
    IReadOnlyList<DiagnosticView> Diagnostics)
{
    public static SimulateResponse From(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SimulateResponse(
            result.Ran,
            result.Passed,
            [.. result.Steps.Select(s => SimulateStepView.From(s, result.ScopeTitles))],
            [.. result.Failures.Select(f => f.ToText(chinese: false))],
            [.. result.Failures.Select(f => f.ToText(chinese: true))],
            DiagnosticView.From(result.Diagnostics));
    }
}

/// <summary>The state of one region after a step.</summary>
public sealed record RegionStateView(string Region, string State);

/// <summary>
/// One simulated step: the main state, every region's state, the clock and warnings as the case view has them,
/// open obligations, missing materials, the events and notifications it recorded, and the
/// rejection of its event (its code, the reason in Chinese and in English) when it was refused.
/// </summary>
public sealed record SimulateStepView(
    int Index,
    string Label,
    DateTimeOffset Now,
    string? State,
    IReadOnlyList<RegionStateView> Regions,
    string? Outcome,
    Cases.ClockView Clock,
    IReadOnlyList<Cases.WarningView> Warnings,
    IReadOnlyList<Cases.ObligationView> Obligations,
    IReadOnlyList<string> Missing,
    IReadOnlyList<Cases.EventView> Events,
    IReadOnlyList<string> Notifications,
    Cases.RejectionView? Rejection)
{
    /// <param name="s">The step.</param>
    /// <param name="scopeTitles">What people call each warning scope (<see cref="SimulationResult.ScopeTitles"/>).</param>
    public static SimulateStepView From(SimulationStep s, IReadOnlyDictionary<string, string?> scopeTitles)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(scopeTitles);
        return new SimulateStepView(
            s.Index,
            s.Label,
            s.Now,
            s.Regions.FirstOrDefault(r => r.IsMain)?.State,
            [.. s.Regions.Select(r => new RegionStateView(r.Region, r.State))],
            s.Outcome,
            Cases.ClockView.From(s.Clock),
            [.. s.Warnings.Select(w => Cases.WarningView.From(w, scopeTitles.GetValueOrDefault(w.Scope)))],
            [.. s.OpenObligations.Select(Cases.ObligationView.From)],
            s.Missing,
            [.. s.Events.Select(e => Cases.EventView.From(e, masked: false))],
            [.. s.Notifications.Select(n => n.Data.GetString("template") ?? string.Empty)],
            s.Rejection is null ? null : Cases.RejectionView.From(s.Rejection));
    }
}
