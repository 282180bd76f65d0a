namespace HongqiFlow.Diagnostics;

/// <summary>
/// One problem found in a definition, a calendar or a sample. Codes are stable (HQ1001, HQ2001…) and documented in docs/diagnostics.md.
/// </summary>
public sealed record Diagnostic(string Code, Severity Severity, string Message, SourceLocation Location, string? Fix = null)
{
    public string Path => Location.Path;

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
