namespace HongqiFlow.Runtime;

/// <summary>A raised warning: for the case (<see cref="Scope"/> <c>case</c>), a branch (<c>approval/tax</c>) or a step (<c>main:issuing</c>).</summary>
public sealed record CaseWarning(WarningLevel Level, string Scope, DateTimeOffset At)
{
    /// <summary>The scope of a warning about the whole case (its promised time).</summary>
    public const string CaseScope = DueTimerRegions.Case;

    /// <summary>The scope of the red warning raised when the case passes its statutory limit (超过法定时限).</summary>
    public const string StatutoryScope = "statutory";

    /// <summary>The scope of the warning raised when a special procedure reaches its <c>max</c>: <c>procedure:ID</c>.</summary>
    public static string ProcedureScope(string procedure) => $"procedure:{procedure}";

    /// <summary>The scope of the warning raised when an obligation passes its due time unfulfilled: <c>obligation:ID</c>.</summary>
    public static string ObligationScope(string obligation) => $"obligation:{obligation}";

    /// <summary>
    /// Whether a scope is about the whole case (its promised or statutory time, a special procedure, an overdue
    /// obligation such as 事后核查), not a step or branch: it is the lead department's, and no step ran late.
    /// </summary>
    public static bool IsCaseWide(string scope) =>
        scope is CaseScope or StatutoryScope || scope.StartsWith("procedure:", StringComparison.Ordinal) || scope.StartsWith("obligation:", StringComparison.Ordinal);

    /// <summary>
    /// The one way a warning's scope is written: a region alone for a branch (<c>approval/tax</c>), the region and the
    /// state for a step (<c>main:issuing</c>, <c>approval/tax:reviewing</c>).
    /// </summary>
    public static string ScopeOf(string region, string? state) => state is null ? region : $"{region}:{state}";

    /// <summary>Whether this warning is about the given region, or that region's given state.</summary>
    public bool IsAbout(string region, string state) => Scope == region || Scope == ScopeOf(region, state);
}
