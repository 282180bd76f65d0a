using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>
/// Materials of the case. <see cref="Missing"/> is derived: required materials neither submitted, fetched (shared),
/// tolerated nor committed. Shared materials are fetched by the government (减材料) and never count as missing.
/// </summary>
public sealed record CaseMaterials(
    ValueList<string> Submitted,
    ValueList<string> Missing,
    ValueList<string> Tolerated,
    ValueList<string> Committed,
    ValueList<string> Shared)
{
    public static CaseMaterials None { get; } = new(ValueList<string>.Empty, ValueList<string>.Empty, ValueList<string>.Empty, ValueList<string>.Empty, ValueList<string>.Empty);
}
