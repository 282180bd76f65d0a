using HongqiFlow.Diagnostics;
using HongqiFlow.Runtime;

namespace HongqiFlow.Samples;

/// <summary>
/// One failed expectation: where it is written in the sample, what was expected and what happened — in English, and
/// in Simplified Chinese where a text is more than the names and values it quotes (<see cref="Of"/>).
/// </summary>
public sealed record SampleFailure(SourceLocation Location, string What, string Expected, string Actual)
{
    public string? WhatZh { get; init; }

    public string? ExpectedZh { get; init; }

    public string? ActualZh { get; init; }

    /// <summary>A failure written in both languages from the same values (<see cref="DiagnosticChinese"/>).</summary>
    public static SampleFailure Of(SourceLocation location, FormattableString what, FormattableString expected, FormattableString actual) =>
        new(location, FormattableString.Invariant(what), FormattableString.Invariant(expected), FormattableString.Invariant(actual))
        {
            WhatZh = DiagnosticChinese.Of(what),
            ExpectedZh = DiagnosticChinese.Of(expected),
            ActualZh = DiagnosticChinese.Of(actual),
        };

    /// <summary>A refused event where none was expected, or another refusal: the engine's reason in each language.</summary>
    public static SampleFailure Refused(SourceLocation location, FormattableString what, FormattableString expected, Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var permitted = rejection.Permitted.Count == 0 ? string.Empty : $"（可办理：{string.Join("、", rejection.Permitted)}）";
        return Of(location, what, expected, $"{rejection}") with { ActualZh = $"{rejection.Code}：{rejection.Reason}{permitted}" };
    }

    public override string ToString() => ToText(chinese: false);

    /// <summary>The failure as <c>hongqi test</c> prints it, in English or in Chinese (a part without Chinese reads as written).</summary>
    public string ToText(bool chinese) => chinese
        ? $"{Location}: {WhatZh ?? What}\n    期望：{ExpectedZh ?? Expected}\n    实际：{ActualZh ?? Actual}"
        : $"{Location}: {What}\n    expected: {Expected}\n    actual:   {Actual}";
}

/// <summary>The result of running one sample: its failures (none when it passed), the final case and its history.</summary>
public sealed record SampleOutcome(Sample Sample, IReadOnlyList<SampleFailure> Failures, CaseState? FinalState, IReadOnlyList<CaseEvent> Events, TimeSpan Duration)
{
    public bool Passed => Failures.Count == 0;

    /// <summary>The case after the start (index 0) and after each step (index n for step n).</summary>
    public IReadOnlyList<SampleStepSnapshot> Steps { get; init; } = [];
}
