using System.Globalization;
using System.Text.RegularExpressions;
using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Diagnostics;
using Repo = HongqiFlow.Tests.Parsing.Definitions;

namespace HongqiFlow.Tests.Validation;

/// <summary>
/// Each file under tests/fixtures/invalid names, in its leading <c># expect: CODE at LINE:COLUMN</c> comments, exactly
/// the diagnostics reading and validating it must give: no more, no less.
/// </summary>
public partial class InvalidFixtureTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repo.Path("tests/fixtures/invalid"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    /// <summary>What the pipeline gives for a file: the reader's diagnostics, then the semantic pass's when the reader found no error.</summary>
    /// <remarks>The same checker `hongqi validate` runs, against the repository's catalog (found above the fixture).</remarks>
    internal static IReadOnlyList<Diagnostic> ReadAndValidate(string path) => new DefinitionChecker().CheckFile(path).Diagnostics;

    /// <summary>The expected (code, line, column) of a fixture, from its leading comments.</summary>
    internal static IReadOnlyList<(string Code, int Line, int Column)> Expected(string path) =>
        [.. File.ReadLines(path)
            .TakeWhile(line => line.StartsWith('#'))
            .Select(line => Expect().Match(line))
            .Where(m => m.Success)
            .Select(m => (m.Groups["code"].Value, int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["column"].Value, CultureInfo.InvariantCulture)))];

    [Fact]
    public void Fixtures_AtLeastThirty()
    {
        Fixtures().Count.ShouldBeGreaterThanOrEqualTo(30);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_GivesExactlyTheExpectedDiagnostics(string name)
    {
        var path = Repo.Path("tests/fixtures/invalid/" + name);
        var expected = Expected(path)
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Code} at {e.Line}:{e.Column}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        expected.ShouldNotBeEmpty($"{name} names no '# expect: CODE at LINE:COLUMN'");

        var diagnostics = ReadAndValidate(path);
        var actual = diagnostics
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Code} at {d.Location.Line}:{d.Location.Column}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        actual.ShouldBe(expected, $"{name} gave:{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics)}");
        diagnostics.ShouldAllBe(d => d.Location.File == path && !string.IsNullOrEmpty(d.Message));
    }

    [Fact]
    public void ReferenceDefinition_ValidatesWithoutAnyDiagnostic()
    {
        var diagnostics = ReadAndValidate(Repo.Path("definitions/enterprise-establishment.yaml"));

        diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, diagnostics));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void HongqiValidate_OnAFixture_PrintsEveryExpectedDiagnosticWithItsLocation(string name)
    {
        var path = Repo.Path("tests/fixtures/invalid/" + name);

        var (exit, output, _) = HongqiFlow.Tests.Cli.Hongqi.Run("validate", path);

        var lines = output.Split(Environment.NewLine);
        exit.ShouldBe(lines.Any(l => l.Contains(": error HQ", StringComparison.Ordinal)) ? 1 : 0);
        foreach (var (code, line, column) in Expected(path))
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"{path}:{line}:{column}: ");
            lines.ShouldContain(l => l.StartsWith(where, StringComparison.Ordinal)
                && (l.Contains($": error {code}: ", StringComparison.Ordinal) || l.Contains($": warning {code}: ", StringComparison.Ordinal)),
                $"{code} at {line}:{column} in:{Environment.NewLine}{output}");
        }
    }

    [GeneratedRegex(@"^#\s*expect:\s*(?<code>HQ\d{4})\s+at\s+(?<line>\d+):(?<column>\d+)\s*$")]
    private static partial Regex Expect();
}
