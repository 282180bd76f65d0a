namespace HongqiFlow.Definitions.Model;

/// <summary>How a state affects the case clock (办理时限).</summary>
public enum ClockMode
{
    /// <summary>The clock runs (default after acceptance).</summary>
    Running,

    /// <summary>Before acceptance: the legal clock has not started (default for the initial state).</summary>
    NotStarted,

    /// <summary>The case waits on the applicant (e.g. 补正 after acceptance): the clock pauses.</summary>
    WaitingApplicant,

    /// <summary>A declared special procedure runs; <see cref="StateDefinition.PausedFor"/> names it.</summary>
    SpecialProcedure,

    /// <summary>The case is finished; the clock stops.</summary>
    Stopped,
}

/// <summary>A state of the main flow, of a branch, or of a fragment.</summary>
public sealed record StateDefinition : ModelNode
{
    public required string Name { get; init; }

    /// <summary>Display name for people, e.g. 受理.</summary>
    public string? Title { get; init; }

    public bool Initial { get; init; }

    public bool Final { get; init; }

    /// <summary>For final states: approved, rejected, terminated, revoked, not-accepted, withdrawn, returned.</summary>
    public string? Outcome { get; init; }

    /// <summary>Null means the default: not-started for the initial state, stopped for final ones, running otherwise.</summary>
    public ClockMode? Clock { get; init; }

    /// <summary>The special procedure this state stands for, when <see cref="Clock"/> is SpecialProcedure.</summary>
    public string? PausedFor { get; init; }

    /// <summary>Step limit (环节时限): warned yellow/red like the case.</summary>
    public Time.Duration? Limit { get; init; }

    /// <summary>The department that holds the step (its worklist); branch states inherit the branch's.</summary>
    public string? Department { get; init; }

    public ValueList<TransitionDefinition> Transitions { get; init; } = ValueList<TransitionDefinition>.Empty;

    /// <summary><c>after:</c> timers, each armed when the state is entered.</summary>
    public ValueList<TimerDefinition> Timers { get; init; } = ValueList<TimerDefinition>.Empty;

    /// <summary>Set when this is a parallel state (并联审批).</summary>
    public ParallelDefinition? Parallel { get; init; }

    /// <summary>Where a parallel state goes when its join is satisfied.</summary>
    public string? OnDone { get; init; }

    /// <summary>Obligations opened when the state is entered.</summary>
    public ValueList<string> Opens { get; init; } = ValueList<string>.Empty;

    /// <summary>Data sources fetched (数据共享) when the state is entered.</summary>
    public ValueList<string> Fetch { get; init; } = ValueList<string>.Empty;

    /// <summary><c>task:</c>: the step is a personal task (who may do it, signing, returns); null for a department step.</summary>
    public TaskRule? Task { get; init; }

    public bool IsParallel => Parallel is not null;

    public ClockMode EffectiveClock => Clock ?? (Final ? ClockMode.Stopped : Initial ? ClockMode.NotStarted : ClockMode.Running);
}

public enum GuardLanguage
{
    JavaScript,
    CSharp,
}

/// <summary>
/// An expression as written, with where its text begins in the file, so a position inside the expression
/// maps back to a YAML line and column.
/// </summary>
public sealed record ExpressionSource : ModelNode
{
    public required GuardLanguage Language { get; init; }

    public required string Code { get; init; }

    /// <summary>1-based line of the first character of <see cref="Code"/> in the file.</summary>
    public int ContentLine { get; init; }

    /// <summary>1-based column of the first character of <see cref="Code"/> in the file.</summary>
    public int ContentColumn { get; init; }

    /// <summary>
    /// For block scalars (<c>|</c>, <c>&gt;</c>): the column where each following line's text starts.
    /// For flow scalars on one line this is 0 and positions map by column offset.
    /// </summary>
    public int BlockIndentColumn { get; init; }

    /// <summary>
    /// How the scalar was written. Escapes in quoted scalars (<c>\"</c>, <c>''</c>) take more columns in the file than
    /// in <see cref="Code"/>; knowing the style lets a position inside the code map to the exact column.
    /// </summary>
    public ExpressionQuoting Quoting { get; init; }
}

public enum NoticeKind
{
    None,

    /// <summary>一次性告知: the event must list every missing material.</summary>
    OneTime,

    /// <summary>A later correction request; adding a material not in the first notice is flagged.</summary>
    Correction,
}

/// <summary>On <see cref="Event"/>, go to <see cref="Target"/> if the caller's role is allowed and the guard holds.</summary>
public sealed record TransitionDefinition : ModelNode
{
    public required string Event { get; init; }

    /// <summary>Null for an internal transition that records the event and stays.</summary>
    public string? Target { get; init; }

    /// <summary>
    /// Roles allowed: window, applicant, system, supervisor, lead, department (the branch's own), department:ID.
    /// Empty means the default: the branch department inside a branch, window elsewhere.
    /// </summary>
    public ValueList<string> By { get; init; } = ValueList<string>.Empty;

    public ExpressionSource? When { get; init; }

    /// <summary>Accept with tolerance (容缺): opens the supplement obligation.</summary>
    public bool Tolerance { get; init; }

    /// <summary>Decide on the applicant's pledge (告知承诺): opens the verification obligation.</summary>
    public bool Commitment { get; init; }

    public NoticeKind Notice { get; init; }

    /// <summary>Obligations this transition opens.</summary>
    public ValueList<string> Opens { get; init; } = ValueList<string>.Empty;

    /// <summary>Obligations this transition fulfils (e.g. <c>supplement</c> on a supplied material).</summary>
    public ValueList<string> Fulfils { get; init; } = ValueList<string>.Empty;

    public string? Title { get; init; }
}

/// <summary><c>after: { 30d: not-accepted }</c>: fires by itself once the state has lasted this long.</summary>
public sealed record TimerDefinition : ModelNode
{
    public required Time.Duration After { get; init; }

    public required string Target { get; init; }
}
