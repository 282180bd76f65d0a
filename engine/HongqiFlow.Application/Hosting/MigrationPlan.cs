using HongqiFlow.Messages;
using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting;

/// <summary>
/// What moving the running cases of <see cref="Code"/>@<see cref="From"/> to <see cref="To"/> would do, case by case,
/// before anything moves: the semantic changes between the versions, the declared state mapping, and each case's class
/// with its consequences or the reason it cannot move. Each case records the version it was planned on.
/// </summary>
public sealed record MigrationPlan
{
    public required string Code { get; init; }

    public required int From { get; init; }

    public required int To { get; init; }

    public required IReadOnlyDictionary<string, string> Mapping { get; init; }

    public required DateTimeOffset MadeAt { get; init; }

    public required IReadOnlyList<DefinitionChange> Changes { get; init; }

    public required IReadOnlyList<PlannedCase> Cases { get; init; }

    public int Clean => Cases.Count(c => c.Class == PlannedCase.CleanClass);

    public int WithConsequences => Cases.Count(c => c.Class == PlannedCase.ConsequencesClass);

    public int CannotMove => Cases.Count(c => c.Class == PlannedCase.CannotMoveClass);

    /// <summary>Whether the caller may execute this plan, as the server's policy says (absent outside the server).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? MayExecute { get; init; }

    /// <summary>The roles the server lets execute a plan (absent outside the server).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ExecuteRoles { get; init; }
}

/// <summary>One running case in a plan: <see cref="Class"/> is <c>clean</c>, <c>consequences</c> or <c>cannot-move</c>.</summary>
public sealed record PlannedCase(
    string CaseId,
    string Receipt,
    long Version,
    string Class,
    IReadOnlyList<string> RegionsBefore,
    IReadOnlyList<string> RegionsAfter,
    IReadOnlyList<MigrationConsequence> Consequences,
    string? Reason,
    string? ReasonEnglish)
{
    public const string CleanClass = "clean";
    public const string ConsequencesClass = "consequences";
    public const string CannotMoveClass = "cannot-move";

    public static PlannedCase Of(CaseState state, CaseMigration m)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(m);
        return new PlannedCase(
            m.CaseId,
            state.Receipt,
            m.Version,
            m.Class switch { MigrationClass.Clean => CleanClass, MigrationClass.WithConsequences => ConsequencesClass, _ => CannotMoveClass },
            [.. m.RegionsBefore.Select(r => r.ToString())],
            [.. m.RegionsAfter.Select(r => r.ToString())],
            m.Consequences,
            m.Reason,
            m.ReasonEnglish);
    }
}

/// <summary>A case chosen for execution, with the version it was planned on.</summary>
public sealed record MigrationSelection(string CaseId, long Version);

/// <summary>
/// What executing a plan did to one case: <see cref="Result"/> is <c>migrated</c>, <c>already-migrated</c> (a repeat
/// or a resumed batch), <c>changed</c> (it changed since the plan), <c>cannot-move</c> or <c>not-found</c>.
/// </summary>
public sealed record MigrationOutcome(string CaseId, string Result, long Version, string? Reason, string? ReasonEnglish)
{
    public const string Migrated = "migrated";
    public const string AlreadyMigrated = "already-migrated";
    public const string Changed = "changed";
    public const string CannotMove = "cannot-move";
    public const string NotFound = "not-found";

    /// <summary>An outcome with its reason written from the catalog in Chinese and English.</summary>
    public static MigrationOutcome Of(string caseId, string result, long version, Message reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new MigrationOutcome(caseId, result, version, reason.Chinese, reason.English);
    }
}

/// <summary>The outcome of executing a plan, case by case.</summary>
public sealed record MigrationRun(string Code, int From, int To, IReadOnlyList<MigrationOutcome> Cases)
{
    public int Migrated => Cases.Count(c => c.Result is MigrationOutcome.Migrated or MigrationOutcome.AlreadyMigrated);

    public int Refused => Cases.Count - Migrated;
}

/// <summary>A state mapping that cannot be used: every bad entry, located (the mapping file's line when it came from one).</summary>
public sealed class MigrationMappingException(IReadOnlyList<LocatedMappingError> errors)
    : Diagnostics.HongqiFlowException(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<LocatedMappingError> Errors { get; } = errors;
}

/// <summary>A mapping error with where it is written: <c>mapping.yaml:3</c>, or the key in a request body (<c>/mapping/received</c>).</summary>
public sealed record LocatedMappingError(string Location, string Key, HongqiFlow.Messages.Message Why)
{
    public string Message => Why.Chinese;

    public string MessageEnglish => Why.English;

    public override string ToString() => $"{Location}: {MessageEnglish} / {Message}";
}
