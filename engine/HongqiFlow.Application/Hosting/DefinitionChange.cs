namespace HongqiFlow.Hosting;

/// <summary>
/// One semantic difference between two definitions. <see cref="Area"/> is <c>item</c>, <c>limit</c>, <c>state</c>,
/// <c>transition</c>, <c>branch</c>, <c>material</c>, <c>tolerance</c>, <c>commitment</c>, <c>rating</c>,
/// <c>obligation</c>, <c>template</c> or <c>notification</c>; <see cref="Key"/> names the node (<c>main:received</c>,
/// <c>approval/tax:reviewing+approve</c>, a material id); <see cref="Field"/> the property that changed, for
/// <see cref="ChangeKind.Changed"/>. Values are compact JSON.
/// </summary>
public sealed record DefinitionChange(ChangeKind Kind, string Area, string Key, string? Field, string? Before, string? After)
{
    public override string ToString() => Kind switch
    {
        ChangeKind.Added => $"+ {Area} {Key}",
        ChangeKind.Removed => $"- {Area} {Key}",
        _ => $"~ {Area} {Key}{(Field is null ? string.Empty : "." + Field)}: {Before} → {After}",
    };
}
