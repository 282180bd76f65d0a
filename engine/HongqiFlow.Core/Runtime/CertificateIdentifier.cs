using System.Diagnostics.CodeAnalysis;
using HongqiFlow.Messages;

namespace HongqiFlow.Runtime;

/// <summary>
/// The identifier of an e-certificate (电子证照标识) in the structure of the national e-certificate standards
/// (GB/T 36904 标识规范, carried in the certificate files of GB/T 36905):
/// <c>1.2.156.3005.2.{type}.{issuer}.{number}.{version}.{check}</c> — the certificate-type code (the defining
/// department's unified social credit code and a three-digit serial), the issuing department's unified social credit
/// code (GB 32100, its check character verified), the certificate's own number, a three-digit version and one check
/// character (ISO/IEC 7064 MOD 37,36 over the letters and digits before it). docs/operations.md says where a
/// deployment's certificate library may differ.
/// </summary>
public sealed record CertificateIdentifier(string TypeCode, string IssuerCode, string Number, string Version, char Check)
{
    /// <summary>The national arc of e-certificate identifiers: ISO (1), member body (2), China (156), 3005.2.</summary>
    public const string Prefix = "1.2.156.3005.2.";

    private const string CreditCodeCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The identifier as written.</summary>
    public override string ToString() => $"{Prefix}{TypeCode}.{IssuerCode}.{Number}.{Version}.{Check}";

    /// <summary>Reads <paramref name="text"/>; on failure <paramref name="problem"/> names the part that is wrong (a message variant).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CertificateIdentifier? identifier, [NotNullWhen(false)] out string? problem)
    {
        identifier = null;
        if (string.IsNullOrWhiteSpace(text) || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            problem = "prefix";
            return false;
        }

        var parts = text[Prefix.Length..].Split('.');
        if (parts.Length != 5)
        {
            problem = "parts";
            return false;
        }

        var (type, issuer, number, version, check) = (parts[0], parts[1], parts[2], parts[3], parts[4]);
        if (!IsTypeCode(type))
        {
            problem = "type";
            return false;
        }

        if (!IsCreditCode(issuer))
        {
            problem = "issuer";
            return false;
        }

        if (number.Length is 0 or > 64 || !number.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || c == '-'))
        {
            problem = "number";
            return false;
        }

        if (version.Length != 3 || !version.All(char.IsAsciiDigit))
        {
            problem = "version";
            return false;
        }

        if (check.Length != 1 || check[0] != CheckCharacter(type + issuer + number + version))
        {
            problem = "check";
            return false;
        }

        identifier = new CertificateIdentifier(type, issuer, number, version, check[0]);
        problem = null;
        return true;
    }

    /// <summary>What is wrong with <paramref name="identifier"/>, for the <paramref name="problem"/> <see cref="TryParse"/> named (HQ6076).</summary>
    public static Message Explain(string problem, string identifier) => problem switch
    {
        "prefix" => Message.Of("HQ6076.prefix", ("identifier", identifier)),
        "parts" => Message.Of("HQ6076.parts", ("identifier", identifier)),
        "type" => Message.Of("HQ6076.type", ("identifier", identifier)),
        "issuer" => Message.Of("HQ6076.issuer", ("identifier", identifier)),
        "number" => Message.Of("HQ6076.number", ("identifier", identifier)),
        "version" => Message.Of("HQ6076.version", ("identifier", identifier)),
        _ => Message.Of("HQ6076.check", ("identifier", identifier)),
    };

    /// <summary>A certificate-type code (证照类型代码): a unified social credit code and a three-digit serial.</summary>
    public static bool IsTypeCode(string? code) =>
        code is { Length: 21 } && IsCreditCode(code[..18]) && code[18..].All(char.IsAsciiDigit);

    /// <summary>A unified social credit code (统一社会信用代码, GB 32100-2015) with a correct check character.</summary>
    public static bool IsCreditCode(string? code)
    {
        if (code is not { Length: 18 })
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = CreditCodeCharacters.IndexOf(code[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            sum += value * CreditCodeWeights[i];
        }

        return code[17] == CreditCodeCharacters[(31 - (sum % 31)) % 31];
    }

    /// <summary>The check character of ISO/IEC 7064 MOD 37,36 (hybrid system) over the letters and digits of <paramref name="text"/>.</summary>
    public static char CheckCharacter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const int m = 36;
        var p = m;
        foreach (var c in text)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
            if (value < 0)
            {
                continue;
            }

            p = (p + value) % m;
            p = (p == 0 ? m : p) * 2 % (m + 1);
        }

        var check = (m + 1 - p) % m;
        return (char)(check < 10 ? '0' + check : 'A' + check - 10);
    }
}
