using HongqiFlow.Definitions.Model;
using HongqiFlow.Messages;

namespace HongqiFlow.Runtime;

/// <summary>How a running case fares when moved to another version of its definition.</summary>
public enum MigrationClass
{
    /// <summary>Same states, same deadlines, nothing newly missing.</summary>
    Clean,

    /// <summary>It moves, but something changes for it: listed in <see cref="CaseMigration.Consequences"/>.</summary>
    WithConsequences,

    /// <summary>It cannot move: <see cref="CaseMigration.Reason"/> says why.</summary>
    CannotMove,
}

/// <summary>
/// One thing that changes for a case when it moves. <see cref="Kind"/> is <c>state-mapped</c>, <c>deadline</c>,
/// <c>limit</c>, <c>overdue</c>, <c>material-missing</c>, <c>branch-added</c>, <c>branch-dropped</c> or <c>obligation-kept</c>.
/// The texts are written from the message catalog (<c>migration.*</c>) when the consequence is found.
/// </summary>
public sealed record MigrationConsequence(string Kind, string Text, string TextEnglish)
{
    /// <summary>The consequence <paramref name="kind"/> said by <paramref name="message"/>, in Chinese and English.</summary>
    public static MigrationConsequence Of(string kind, Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new MigrationConsequence(kind, message.Chinese, message.English);
    }

    public override string ToString() => $"{Kind}: {TextEnglish}";
}

/// <summary>
/// Where one case would stand on the new version (<see cref="Engine.Migrate"/>): its class, the consequences, or the reason
/// it cannot move; the events that record the move and the state they fold into (none when it cannot move).
/// </summary>
public sealed record CaseMigration
{
    public required string CaseId { get; init; }

    /// <summary>The case version the plan was made on: the move is refused if the case has changed since.</summary>
    public required long Version { get; init; }

    public required MigrationClass Class { get; init; }

    public IReadOnlyList<MigrationConsequence> Consequences { get; init; } = [];

    /// <summary>Why the case cannot move (a <c>migration.*</c> message of the catalog); null when it can.</summary>
    public Message? Why { get; init; }

    public string? Reason => Why?.Chinese;

    public string? ReasonEnglish => Why?.English;

    public ValueList<RegionState> RegionsBefore { get; init; } = ValueList<RegionState>.Empty;

    public ValueList<RegionState> RegionsAfter { get; init; } = ValueList<RegionState>.Empty;

    /// <summary>The <c>case-migrated</c> event and the due times it rewrites; empty when the case cannot move.</summary>
    public IReadOnlyList<CaseEvent> Events { get; init; } = [];

    public CaseState? NewState { get; init; }

    public bool CanMove => Class != MigrationClass.CannotMove;
}
