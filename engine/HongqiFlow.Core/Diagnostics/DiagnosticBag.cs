namespace HongqiFlow.Diagnostics;

/// <summary>Collects every problem before reporting once; never stops at the first.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.Severity == Severity.Error);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>A diagnostic written in both languages (<see cref="Diagnostic.Of"/>): every check reports this way.</summary>
    public void Report(Severity severity, string code, FormattableString message, SourceLocation location, FormattableString? fix = null) =>
        _items.Add(Diagnostic.Of(code, severity, message, location, fix));

    /// <summary>Ordered by file, line, column, then code, so output is stable.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)];
}
