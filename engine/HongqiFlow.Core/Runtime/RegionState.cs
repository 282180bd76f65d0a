namespace HongqiFlow.Runtime;

/// <summary>
/// The active state of one region: <c>main</c>, or a branch of a parallel state named <c>approval/tax</c>.
/// <see cref="EnteredAt"/> is when the region entered <see cref="State"/> (step clocks count from it).
/// </summary>
public sealed record RegionState(string Region, string State, DateTimeOffset EnteredAt)
{
    public const string Main = "main";

    public bool IsMain => Region == Main;

    /// <summary>The branch name of a branch region (<c>tax</c> for <c>approval/tax</c>); null for main.</summary>
    public string? Branch => IsMain ? null : Region[(Region.IndexOf('/', StringComparison.Ordinal) + 1)..];

    public override string ToString() => $"{Region}={State}";
}
