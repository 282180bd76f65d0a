namespace HongqiFlow.Definitions.Model;

public enum JoinKind
{
    All,
    Any,
    AtLeast,
}

/// <summary>When the parallel state is done: all branches approved, any one, or at least N.</summary>
public sealed record JoinPolicy : ModelNode
{
    public JoinKind Kind { get; init; } = JoinKind.All;

    /// <summary>N for <see cref="JoinKind.AtLeast"/>.</summary>
    public int Count { get; init; }

    public override string ToString() => Kind switch
    {
        JoinKind.All => "all",
        JoinKind.Any => "any",
        _ => $"atLeast {Count}",
    };
}

public enum RefusalKind
{
    /// <summary>The join can no longer be satisfied: go to <see cref="RefusalPolicy.Target"/>.</summary>
    End,

    /// <summary>中止: the case waits (clock paused) until the refusing branches are corrected and reopened.</summary>
    Suspend,
}

public sealed record RefusalPolicy : ModelNode
{
    public RefusalKind Kind { get; init; } = RefusalKind.End;

    public string? Target { get; init; }
}

public enum BranchTimeout
{
    /// <summary>Only warn (yellow, then red) when the branch limit passes.</summary>
    Warn,

    /// <summary>超时默认: the branch is deemed to have approved.</summary>
    Approve,

    /// <summary>The branch is deemed to have refused.</summary>
    Reject,
}

/// <summary>并联审批: branches run as independent regions and are joined by an explicit policy.</summary>
public sealed record ParallelDefinition : ModelNode
{
    public JoinPolicy Join { get; init; } = new();

    public RefusalPolicy OnReject { get; init; } = new();

    public ValueList<BranchDefinition> Branches { get; init; } = ValueList<BranchDefinition>.Empty;
}

/// <summary>One department's region of a parallel state: its own small state machine.</summary>
public sealed record BranchDefinition : ModelNode
{
    public required string Name { get; init; }

    public required string Department { get; init; }

    public string? Title { get; init; }

    public Time.Duration? Limit { get; init; }

    public BranchTimeout OnTimeout { get; init; } = BranchTimeout.Warn;

    /// <summary>A fragment whose states form the branch body.</summary>
    public string? Use { get; init; }

    /// <summary>Inline branch body, when no fragment is used.</summary>
    public ValueList<StateDefinition> States { get; init; } = ValueList<StateDefinition>.Empty;
}

/// <summary>A reusable branch body (e.g. a review step).</summary>
public sealed record FragmentDefinition : ModelNode
{
    public required string Name { get; init; }

    public ValueList<StateDefinition> States { get; init; } = ValueList<StateDefinition>.Empty;
}
