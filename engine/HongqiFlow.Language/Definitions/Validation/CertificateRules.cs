using HongqiFlow.Runtime;

namespace HongqiFlow.Definitions.Validation;

/// <summary>电子证照: the certificate types a material accepts must be type codes of the national structure.</summary>
internal static class CertificateRules
{
    public static void Check(ValidationRun run)
    {
        foreach (var material in run.Item.Materials)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < material.Certificates.Count; i++)
            {
                var type = material.Certificates[i];
                var at = run.ValueAt(material, material.Certificates.Count == 1 ? "certificates" : $"certificates/{i}", "certificates");
                if (!CertificateIdentifier.IsTypeCode(type))
                {
                    run.Error(
                        ValidationCodes.MalformedCertificateType,
                        $"material '{material.Id}' accepts certificate type '{type}', which is not a certificate-type code: 18 characters of a unified social credit code with a correct check character, then 3 digits",
                        at,
                        $"copy the type code from the certificate library's catalogue (证照目录), e.g. 11100000000013338W009");
                }
                else if (!seen.Add(type))
                {
                    run.Warning(ValidationCodes.DuplicateCertificateType, $"material '{material.Id}' lists certificate type '{type}' twice", at, $"remove the copy");
                }
            }
        }
    }
}
