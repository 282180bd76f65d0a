using HongqiFlow.Definitions.Model;
using HongqiFlow.Time;

namespace HongqiFlow.Samples;

/// <summary>
/// A test case a definition is run against, on a virtual clock: the case at intake, the steps, and what must hold.
/// </summary>
public sealed record Sample : ModelNode
{
    public required string Name { get; init; }

    /// <summary>A definition file name (without .yaml) or an item code, optionally <c>@version</c>.</summary>
    public required string Definition { get; init; }

    /// <summary>Where the virtual clock starts.</summary>
    public required DateTimeOffset Clock { get; init; }

    public SampleCase Case { get; init; } = new();

    public ValueList<SampleStep> Steps { get; init; } = ValueList<SampleStep>.Empty;

    public SampleExpectation Expect { get; init; } = new();

    public string SourceFile { get; init; } = string.Empty;
}

/// <summary>The application as the window (or the online channel) receives it.</summary>
public sealed record SampleCase : ModelNode
{
    public string Channel { get; init; } = "window";

    public bool Assisted { get; init; }

    /// <summary>name, idNumber, phone, kind, badCredit, falsePledge…</summary>
    public IReadOnlyDictionary<string, object?> Applicant { get; init; } = new Dictionary<string, object?>();

    public ValueList<string> Submitted { get; init; } = ValueList<string>.Empty;

    /// <summary>Case data; shared records fetched by data sharing go here too.</summary>
    public IReadOnlyDictionary<string, object?> Data { get; init; } = new Dictionary<string, object?>();
}

/// <summary>One step: move the clock (<c>after</c> or <c>at</c>, firing due timers in order), then optionally send an event.</summary>
public sealed record SampleStep : ModelNode
{
    public Duration? After { get; init; }

    public DateTimeOffset? AtTime { get; init; }

    public string? Send { get; init; }

    /// <summary>The parallel branch the event is for.</summary>
    public string? Branch { get; init; }

    /// <summary>The role sending: window, applicant, system, supervisor, lead, department:ID.</summary>
    public string? By { get; init; }

    public string? User { get; init; }

    /// <summary>代理: the person the sender acts for as their deputy (a person of organization.yaml).</summary>
    public string? OnBehalfOf { get; init; }

    public string? Channel { get; init; }

    public IReadOnlyDictionary<string, object?> Payload { get; init; } = new Dictionary<string, object?>();

    /// <summary>When set, the event must be rejected; a code (HQ6…) when given, else any rejection.</summary>
    public string? Rejected { get; init; }

    /// <summary>With <see cref="Rejected"/>: a part of the rejection's reason, in Chinese or in English.</summary>
    public string? RejectedReason { get; init; }

    public SampleExpectation? Expect { get; init; }
}

/// <summary>What must hold after a step or at the end. Absent fields are not checked.</summary>
public sealed record SampleExpectation : ModelNode
{
    public string? State { get; init; }

    /// <summary>Branch name → its state, for a case inside a parallel state.</summary>
    public IReadOnlyDictionary<string, string>? Branches { get; init; }

    public string? Outcome { get; init; }

    public Duration? ElapsedMin { get; init; }

    public Duration? ElapsedMax { get; init; }

    /// <summary>Open obligations by id (e.g. supplement, verification, rectification); empty means none open.</summary>
    public ValueList<string>? Obligations { get; init; }

    /// <summary>Warnings raised so far, as <c>case:yellow</c>, <c>case:red</c>, <c>branch:tax:red</c>, <c>step:issuing:yellow</c>, <c>instant:overdue</c>.</summary>
    public ValueList<string>? Warnings { get; init; }

    /// <summary>The notifications sent so far, in order: each its template, and its recipient when given.</summary>
    public ValueList<SampleNotice>? Notifications { get; init; }

    /// <summary>Due instants of the case's limits, the current step and branches.</summary>
    public SampleDueExpectation? Due { get; init; }

    /// <summary>Working (or natural) time left of the case's limits; negative when overdue.</summary>
    public SampleRemainingExpectation? Remaining { get; init; }

    /// <summary>Event types that must have been recorded (in any order), e.g. credit-record, notice-incomplete.</summary>
    public ValueList<string>? Events { get; init; }

    /// <summary>Materials the case still misses.</summary>
    public ValueList<string>? Missing { get; init; }
}

/// <summary>A notification a sample expects: its template, and (when given) its recipient as the engine writes it (<c>applicant</c>, <c>department:tax</c>).</summary>
public sealed record SampleNotice(string Template, string? To)
{
    public override string ToString() => To is null ? Template : $"{Template} to {To}";
}

/// <summary><c>due:</c> the instants the limits run out; absent ones are not checked.</summary>
public sealed record SampleDueExpectation
{
    public DateTimeOffset? Promised { get; init; }

    public DateTimeOffset? Statutory { get; init; }

    /// <summary>The step (state) the main flow is in.</summary>
    public DateTimeOffset? Step { get; init; }

    /// <summary>Branch name → the instant its limit runs out.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Branches { get; init; } = new Dictionary<string, DateTimeOffset>();
}

/// <summary><c>remaining:</c> the time left of the case's limits, in the limit's own units; negative when overdue.</summary>
public sealed record SampleRemainingExpectation
{
    public Duration? Promised { get; init; }

    public bool PromisedOverdue { get; init; }

    public Duration? Statutory { get; init; }

    public bool StatutoryOverdue { get; init; }
}
