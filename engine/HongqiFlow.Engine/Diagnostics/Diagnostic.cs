namespace HongqiFlow.Diagnostics;

/// <summary>
/// One problem found in a definition, a calendar or a sample. Codes are stable (HQ1001, HQ2001…) and documented in docs/diagnostics.md.
/// </summary>
public sealed record Diagnostic(string Code, Severity Severity, string Message, SourceLocation Location, string? Fix = null)
{
    public string Path => Location.Path;

    /// <summary>The message in Simplified Chinese, for the business departments who write definitions; null where there is none.</summary>
    public string? MessageZh { get; init; }

    /// <summary>The fix in Simplified Chinese; null where there is none.</summary>
    public string? FixZh { get; init; }

    /// <summary>
    /// A diagnostic whose message and fix are kept as their format and values, so that both languages are written from
    /// them: English (invariant culture) and, where <see cref="DiagnosticChinese"/> knows the format, Chinese.
    /// </summary>
    public static Diagnostic Of(string code, Severity severity, FormattableString message, SourceLocation location, FormattableString? fix = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new Diagnostic(code, severity, FormattableString.Invariant(message), location, fix is null ? null : FormattableString.Invariant(fix))
        {
            MessageZh = DiagnosticChinese.Of(message),
            FixZh = DiagnosticChinese.Of(fix),
        };
    }

    /// <summary>Compiler-style text: <c>file:line:col: error HQ1001: message (fix)</c>.</summary>
    public override string ToString()
    {
        var severity = Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };
        var where = Location.IsKnown ? $"{Location.File}:{Location.Line}:{Location.Column}" : Location.File;
        var fix = string.IsNullOrEmpty(Fix) ? string.Empty : $" ({Fix})";
        var path = string.IsNullOrEmpty(Location.Path) ? string.Empty : $" [{Location.Path}]";
        return $"{where}: {severity} {Code}: {Message}{fix}{path}";
    }
}
