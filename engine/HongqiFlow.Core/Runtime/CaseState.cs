using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>
/// The state of one case (办件), the fold of its events. Immutable with value equality: replaying the history from
/// <see cref="Initial"/> gives an equal state. A case stays on the definition version it started on.
/// </summary>
public sealed record CaseState
{
    public required string CaseId { get; init; }

    /// <summary>受理编号; empty before the case is started.</summary>
    public string Receipt { get; init; } = string.Empty;

    public required string DefinitionCode { get; init; }

    public required int DefinitionVersion { get; init; }

    /// <summary>Active state per region: main first, then the branches of the active parallel state in definition order.</summary>
    public ValueList<RegionState> Regions { get; init; } = ValueList<RegionState>.Empty;

    public ValueMap Data { get; init; } = ValueMap.Empty;

    public CaseMaterials Materials { get; init; } = CaseMaterials.None;

    public Applicant? Applicant { get; init; }

    /// <summary>The channel the case was started from.</summary>
    public Channel Channel { get; init; }

    /// <summary>帮办代办.</summary>
    public bool Assisted { get; init; }

    public CaseClock Clock { get; init; } = CaseClock.NotStarted;

    public ValueList<Obligation> Obligations { get; init; } = ValueList<Obligation>.Empty;

    public ValueList<DueTimer> Timers { get; init; } = ValueList<DueTimer>.Empty;

    public ValueList<CaseWarning> Warnings { get; init; } = ValueList<CaseWarning>.Empty;

    /// <summary>The materials listed by the first one-time notice (一次性告知); empty until one is given.</summary>
    public ValueList<string> FirstNotice { get; init; } = ValueList<string>.Empty;

    public bool NoticeGiven { get; init; }

    /// <summary>The latest rating; <see cref="Ratings"/> holds them all (more than one only under 一次一评).</summary>
    public CaseRating? Rating { get; init; }

    public ValueList<CaseRating> Ratings { get; init; } = ValueList<CaseRating>.Empty;

    /// <summary>Every rating, oldest first (a state folded before ratings were listed holds only <see cref="Rating"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<CaseRating> AllRatings => Ratings.Count > 0 ? Ratings : Rating is { } r ? [r] : [];

    /// <summary>Set when the main region is in a final state (approved, rejected, terminated, revoked…).</summary>
    public string? Outcome { get; init; }

    /// <summary>中止: a refused parallel state waits for the lead to reopen the refused branches.</summary>
    public bool Suspended { get; init; }

    /// <summary>Idempotency keys of the commands already applied.</summary>
    public ValueList<string> ProcessedKeys { get; init; } = ValueList<string>.Empty;

    /// <summary>Tasks, who did each step and copies: set only for items with personal tasks (<c>task:</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public PeopleState? People { get; init; }

    /// <summary>The number of events applied.</summary>
    public long Version { get; init; }

    public bool IsStarted => Regions.Count > 0;

    public string MainState => Regions.Count > 0 ? Regions[0].State : string.Empty;

    public RegionState? Region(string region)
    {
        foreach (var r in Regions)
        {
            if (r.Region == region)
            {
                return r;
            }
        }

        return null;
    }

    public Obligation? OpenObligation(string id)
    {
        foreach (var o in Obligations)
        {
            if (o.Id == id && o.IsOpen)
            {
                return o;
            }
        }

        return null;
    }

    /// <summary>The empty state before <c>case-started</c>: the start of every replay.</summary>
    public static CaseState Initial(CompiledDefinition definition, string caseId)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new CaseState { CaseId = caseId, DefinitionCode = definition.Code, DefinitionVersion = definition.Version };
    }
}
