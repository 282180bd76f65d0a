namespace HongqiFlow.Definitions.Model;

public enum ItemKind
{
    /// <summary>承诺件: finished within the promised limit.</summary>
    Promised,

    /// <summary>即办件: finished on the spot, the same working day.</summary>
    Instant,
}

/// <summary>The catalog fields of a service item.</summary>
public sealed record ItemHeader : ModelNode
{
    /// <summary>基本编码/实施编码, e.g. QYKB-0001; how samples and the API name the item.</summary>
    public required string Code { get; init; }

    public required string Name { get; init; }

    public int Version { get; init; } = 1;

    public ItemKind Kind { get; init; } = ItemKind.Promised;

    /// <summary>牵头部门 / 实施主体: a department id from the organization directory.</summary>
    public required string Lead { get; init; }

    /// <summary>Calendar id, a file under definitions/calendars.</summary>
    public string Calendar { get; init; } = "cn-mainland";

    public TimeLimit? TimeLimit { get; init; }

    /// <summary>特别程序: the only periods that may pause the clock.</summary>
    public ValueList<SpecialProcedure> SpecialProcedures { get; init; } = ValueList<SpecialProcedure>.Empty;

    /// <summary>办理结果, e.g. 营业执照.</summary>
    public string? Result { get; init; }

    public string? Description { get; init; }
}

/// <summary>办理时限: statutory and promised limits counted from acceptance, and when to warn.</summary>
public sealed record TimeLimit : ModelNode
{
    public Time.Duration? Statutory { get; init; }

    public Time.Duration? Promised { get; init; }

    /// <summary>Yellow warning when this fraction of a limit is used (0.75 for <c>75%</c>).</summary>
    public decimal WarnAt { get; init; } = 0.75m;

    /// <summary>When true, every limit and timer of the item must be in working units (wd/wh).</summary>
    public bool RequireWorkingDays { get; init; }

    /// <summary>How the item's limits in working days are counted; null follows the calendar (docs/calendars.md).</summary>
    public Time.DayCounting? DayCounting { get; init; }
}

/// <summary>特别程序 (hearing, expert review, inspection, public notice…): excluded from the time limit.</summary>
public sealed record SpecialProcedure : ModelNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The longest the procedure may last, if the item sets one.</summary>
    public Time.Duration? Max { get; init; }
}
