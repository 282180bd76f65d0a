using System.Text.RegularExpressions;

namespace HongqiFlow.Tests.Docs;

/// <summary>docs/diagnostics.md lists every code the product can emit, and every code of the per-area pages.</summary>
public sealed partial class DiagnosticsDocTests
{
    [GeneratedRegex(@"HQ\d{4}")]
    private static partial Regex Code();

    private static readonly string Page = File.ReadAllText(Repository.Path("docs", "diagnostics.md"));

    private static IEnumerable<string> CodesIn(IEnumerable<string> files) =>
        files.SelectMany(f => Code().Matches(File.ReadAllText(f)).Select(m => m.Value)).Distinct().Order(StringComparer.Ordinal);

    [Fact]
    public void EveryCodeInTheEngineSource_IsListedInDiagnosticsMd()
    {
        var source = Directory.EnumerateFiles(Repository.Path("engine"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var missing = CodesIn(source).Where(c => !Page.Contains($"| {c} ", StringComparison.Ordinal)).ToList();

        missing.ShouldBeEmpty("add a row for each to its area page under docs/diagnostics/ and to docs/diagnostics.md");
    }

    [Fact]
    public void EveryCodeOfTheAreaPages_IsInDiagnosticsMd()
    {
        var missing = CodesIn(Directory.EnumerateFiles(Repository.Path("docs", "diagnostics"), "*.md"))
            .Where(c => !Page.Contains(c, StringComparison.Ordinal)).ToList();

        missing.ShouldBeEmpty("docs/diagnostics.md is assembled from docs/diagnostics/*.md; add the new rows");
    }
}
