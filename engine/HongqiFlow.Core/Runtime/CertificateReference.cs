namespace HongqiFlow.Runtime;

/// <summary>
/// 电子证照: an e-certificate that satisfies a material instead of paper — its type (证照类型代码) and name, its
/// identifier (<see cref="CertificateIdentifier"/>), the issuing department (颁发机构) and how far it is trusted.
/// <see cref="Source"/> names the data-sharing source that returned it; null when the window or the applicant entered it.
/// </summary>
public sealed record CertificateReference(
    string Material,
    string Type,
    string? Name,
    string Identifier,
    string Issuer,
    string IssuerCode,
    string Trust,
    string? Source,
    DateTimeOffset At);

/// <summary>How far an e-certificate reference is trusted (可信等级), from most to least.</summary>
public static class CertificateTrust
{
    /// <summary>The certificate file's seal (电子印章) was verified.</summary>
    public const string Signed = "signed";

    /// <summary>Confirmed by the certificate library (证照库核验): the identifier exists and is valid.</summary>
    public const string Library = "library";

    /// <summary>Shown by the applicant (亮证, e.g. a code scanned at the window), not yet confirmed by the library.</summary>
    public const string Presented = "presented";

    public static IReadOnlyList<string> All { get; } = [Signed, Library, Presented];

    public static bool IsKnown(string? trust) => trust is not null && All.Contains(trust, StringComparer.Ordinal);
}
