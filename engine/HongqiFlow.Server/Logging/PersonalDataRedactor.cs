using System.Text.RegularExpressions;
using HongqiFlow.Runtime;

namespace HongqiFlow.Server.Logging;

/// <summary>
/// Masks resident ID numbers (18 characters, last a digit or X) and mainland mobile numbers (11 digits from 13–19)
/// inside free text, as <see cref="PersonalDataMask"/> shows them. Digits that are part of a longer number are left alone.
/// </summary>
public static partial class PersonalDataRedactor
{
    /// <summary>The text with its ID and phone numbers masked; null stays null.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var masked = IdNumberPattern().Replace(text, m => PersonalDataMask.IdNumber(m.Value));
        return PhonePattern().Replace(masked, m => PersonalDataMask.Phone(m.Value));
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"(?<![0-9])1[3-9]\d{9}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
