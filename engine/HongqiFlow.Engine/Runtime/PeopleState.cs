using System.Text.Json.Serialization;
using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>
/// The people side of a case (only for items with <c>task:</c> steps; null otherwise): the open tasks, who did each
/// step, and the copies sent for information (抄送).
/// </summary>
public sealed record PeopleState
{
    public ValueList<CaseTask> Tasks { get; init; } = ValueList<CaseTask>.Empty;

    /// <summary>Every step done by a person, in order (for 四眼原则, 撤回, 退回 and 已办).</summary>
    public ValueList<StepDone> Done { get; init; } = ValueList<StepDone>.Empty;

    public ValueList<CaseCopy> Copies { get; init; } = ValueList<CaseCopy>.Empty;

    /// <summary>Transfers, urges and returns, for the metrics (转办、催办、退回).</summary>
    public ValueList<TaskMark> Marks { get; init; } = ValueList<TaskMark>.Empty;

    public static PeopleState Empty { get; } = new();

    public CaseTask? Task(string region)
    {
        foreach (var t in Tasks)
        {
            if (t.Region == region)
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>The person who last did <paramref name="state"/> of <paramref name="region"/>, if anyone did.</summary>
    public StepDone? LastDone(string region, string state)
    {
        for (var i = Done.Count - 1; i >= 0; i--)
        {
            if (Done[i].Region == region && Done[i].State == state)
            {
                return Done[i];
            }
        }

        return null;
    }
}

/// <summary>
/// 待办: one step of a region waiting on people. <see cref="Holder"/> null means the department pool (待签收); a
/// signing step holds its <see cref="Signers"/> instead.
/// </summary>
public sealed record CaseTask
{
    public required string Region { get; init; }

    public required string State { get; init; }

    /// <summary>The department whose people may do it (changes when transferred to another department).</summary>
    public required string Department { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? Holder { get; init; }

    public string? HolderName { get; init; }

    /// <summary>委派: the person doing the work for the holder; the task returns to the holder to confirm.</summary>
    public string? Delegate { get; init; }

    public string? DelegateName { get; init; }

    /// <summary>Who held the task before, in order (签收、转办、分派…).</summary>
    public ValueList<string> Previous { get; init; } = ValueList<string>.Empty;

    public ValueList<TaskSigner> Signers { get; init; } = ValueList<TaskSigner>.Empty;

    /// <summary>The step the case came from and the person who did it (whom 撤回 is open to until this task acts).</summary>
    public string? From { get; init; }

    public string? FromPerson { get; init; }

    /// <summary>Someone worked on this task (signed for it, signed, delegated…): the previous step can no longer be recalled.</summary>
    public bool Acted { get; init; }

    /// <summary>催办 count.</summary>
    public int Urges { get; init; }

    /// <summary>The number of times this task was transferred (转办).</summary>
    public int Transfers { get; init; }
}

/// <summary>One signer of a signing step: the slot (a position or <c>person:ID</c>), who signed it and how.</summary>
public sealed record TaskSigner
{
    public required string Slot { get; init; }

    public string? Person { get; init; }

    public string? Name { get; init; }

    /// <summary><c>approve</c> or <c>refuse</c>; null while pending.</summary>
    public string? Decision { get; init; }

    public DateTimeOffset? At { get; init; }

    public string? Note { get; init; }

    [JsonIgnore]
    public bool Pending => Decision is null;
}

/// <summary>A step a person did: for four-eyes checks, recall, return, the 已办 list and the per-person metrics.</summary>
public sealed record StepDone(string Region, string State, string Person, string Event, DateTimeOffset At, long Sequence)
{
    public string? Name { get; init; }

    /// <summary>When the task of the step was created (its handling time runs from there to <see cref="At"/>).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The person's positions when they did it.</summary>
    public ValueList<string> Positions { get; init; } = ValueList<string>.Empty;

    /// <summary>The department of the task.</summary>
    public string? Department { get; init; }

    /// <summary>A later step sent the case back to this one (退回).</summary>
    public bool Returned { get; init; }
}

/// <summary>A counted operation for the metrics: <c>transfer</c> (by <see cref="Person"/>), <c>urge</c> (of <see cref="Person"/>, or <c>department:ID</c>), <c>send-back</c> (by).</summary>
public sealed record TaskMark(string Kind, string Person, string Region, string State, DateTimeOffset At);

/// <summary>抄送: a copy for information to a person (<c>person:ID</c>) or a department (<c>department:ID</c>).</summary>
public sealed record CaseCopy(string Recipient, string By, DateTimeOffset At, long Sequence)
{
    public string? Note { get; init; }

    public DateTimeOffset? ReadAt { get; init; }

    public string? ReadBy { get; init; }
}
