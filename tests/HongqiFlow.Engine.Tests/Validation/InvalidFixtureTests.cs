using System.Globalization;
using System.Text.RegularExpressions;
using HongqiFlow.Definitions.Parsing;
using HongqiFlow.Definitions.Validation;
using HongqiFlow.Diagnostics;
using HongqiFlow.Expressions;
using Repo = HongqiFlow.Tests.Parsing.Definitions;
using HongqiFlow.Time;

namespace HongqiFlow.Tests.Validation;

/// <summary>
/// Each file under tests/fixtures/invalid names, in its leading <c># expect: CODE at LINE:COLUMN</c> comments, exactly
/// the diagnostics reading and validating it must give: no more, no less.
/// </summary>
public partial class InvalidFixtureTests
{
    private static readonly Lazy<ValidationContext> Context = new(() =>
    {
        var organization = new DefinitionReader().ReadOrganizationFile(Repo.Path("definitions/organization.yaml")).ModelOrThrow();
        var calendars = CalendarRegistry.LoadFolder(Repo.Path("definitions/calendars"));
        return new ValidationContext { Organization = organization, CheckExpressions = new GuardCompiler().Check }.WithCalendars(calendars);
    });

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
    internal static IReadOnlyList<Diagnostic> ReadAndValidate(string path)
    {
        var read = new DefinitionReader().ReadItemFile(path);
        if (read.HasErrors || read.Model is null)
        {
            return read.Diagnostics;
        }

        return [.. read.Diagnostics, .. new DefinitionValidator().Validate(read.Model, Context.Value.WithSourceMap(read.SourceMap))];
    }

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
        var expected = File.ReadLines(path)
            .TakeWhile(line => line.StartsWith('#'))
            .Select(line => Expect().Match(line))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups["code"].Value} at {m.Groups["line"].Value}:{m.Groups["column"].Value}")
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

    [GeneratedRegex(@"^#\s*expect:\s*(?<code>HQ\d{4})\s+at\s+(?<line>\d+):(?<column>\d+)\s*$")]
    private static partial Regex Expect();
}
