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
    public override string ToString() => ToText(chinese: false);

    /// <summary>
    /// Compiler-style text in English, or in Chinese where the diagnostic has it
    /// (<c>file:line:col: 错误 HQ2001: 消息（建议）</c>); the code, place and path read the same in both.
    /// </summary>
    public string ToText(bool chinese)
    {
        var severity = (Severity, chinese) switch
        {
            (Severity.Error, false) => "error",
            (Severity.Warning, false) => "warning",
            (_, false) => "info",
            (Severity.Error, true) => "错误",
            (Severity.Warning, true) => "警告",
            _ => "提示",
        };
        var where = Location.IsKnown ? $"{Location.File}:{Location.Line}:{Location.Column}" : Location.File;
        var message = chinese ? MessageZh ?? Message : Message;
        var fixText = chinese ? FixZh ?? Fix : Fix;
        var fix = string.IsNullOrEmpty(fixText) ? string.Empty : chinese ? $"（{fixText}）" : $" ({fixText})";
        var path = string.IsNullOrEmpty(Location.Path) ? string.Empty : $" [{Location.Path}]";
        return $"{where}: {severity} {Code}: {message}{fix}{path}";
    }
}
