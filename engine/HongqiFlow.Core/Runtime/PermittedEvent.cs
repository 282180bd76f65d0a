namespace HongqiFlow.Runtime;

/// <summary>An event the caller may send now: its name, the region (branch) it applies to, and where it leads.</summary>
public sealed record PermittedEvent(string Event, string Region, string? Target, string? Title = null)
{
    public override string ToString() => Region == RegionState.Main ? Event : $"{Event}@{Region}";
}
