namespace HongqiFlow.Runtime;

/// <summary>A raised warning: for the case (<see cref="Scope"/> <c>case</c>), a branch (<c>approval/tax</c>) or a step (<c>main:issuing</c>).</summary>
public sealed record CaseWarning(WarningLevel Level, string Scope, DateTimeOffset At)
{
    /// <summary>The scope of a warning about the whole case (its promised time).</summary>
    public const string CaseScope = DueTimerRegions.Case;

    /// <summary>
    /// The one way a warning's scope is written: a region alone for a branch (<c>approval/tax</c>), the region and the
    /// state for a step (<c>main:issuing</c>, <c>approval/tax:reviewing</c>).
    /// </summary>
    public static string ScopeOf(string region, string? state) => state is null ? region : $"{region}:{state}";

    /// <summary>Whether this warning is about the given region, or that region's given state.</summary>
    public bool IsAbout(string region, string state) => Scope == region || Scope == ScopeOf(region, state);
}
