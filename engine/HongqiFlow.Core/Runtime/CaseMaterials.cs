using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>
/// Materials of the case. <see cref="Missing"/> is derived: required materials neither submitted, fetched (shared),
/// tolerated nor committed. Shared materials are fetched by the government (减材料) and do not count as missing,
/// unless their source refused the request (<see cref="Refused"/>): then the applicant must submit them.
/// </summary>
public sealed record CaseMaterials(
    ValueList<string> Submitted,
    ValueList<string> Missing,
    ValueList<string> Tolerated,
    ValueList<string> Committed,
    ValueList<string> Shared)
{
    /// <summary>Shared materials whose data source refused the request (<c>data-refused</c>); they must be submitted.</summary>
    public ValueList<string> Refused { get; init; } = ValueList<string>.Empty;

    /// <summary>电子证照: the e-certificates that satisfied materials (each such material counts as submitted).</summary>
    public ValueList<CertificateReference> Certificates { get; init; } = ValueList<CertificateReference>.Empty;

    public static CaseMaterials None { get; } = new(ValueList<string>.Empty, ValueList<string>.Empty, ValueList<string>.Empty, ValueList<string>.Empty, ValueList<string>.Empty);
}
