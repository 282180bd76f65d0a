using HongqiFlow.Server.Logging;

namespace HongqiFlow.Server.Cases;

/// <summary>
/// The one masking of free text that may carry an applicant's personal data (a rating's comment, a history entry's
/// values, a bad-rating ticket) for those who read masked (departments, supervisors): resident ID and mobile numbers
/// as <see cref="PersonalDataRedactor"/> masks them, and the applicant's own name as the case view shows it
/// (张三丰 → 张**). A one-character name is left alone: replacing it would garble every word that contains it.
/// </summary>
public static class ApplicantText
{
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Mask(string? text, string? applicantName)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var redacted = PersonalDataRedactor.Redact(text);
        return applicantName is { Length: > 1 } name ? redacted.Replace(name, ApplicantView.MaskName(name), StringComparison.Ordinal) : redacted;
    }
}
