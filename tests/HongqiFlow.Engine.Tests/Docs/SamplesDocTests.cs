using System.Reflection;
using System.Text.RegularExpressions;
using HongqiFlow.Hosting;
using HongqiFlow.Samples;

namespace HongqiFlow.Tests.Docs;

/// <summary>docs/samples.md documents every key a sample may use, and its first example is a sample that passes.</summary>
public sealed partial class SamplesDocTests
{
    private static readonly string Page = File.ReadAllText(Repository.Path("docs", "samples.md"));

    [GeneratedRegex("```yaml\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [Fact]
    public void EveryKeyTheReaderAccepts_IsDocumented()
    {
        var keys = typeof(SampleReader).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(string[]))
            .SelectMany(f => (string[])f.GetValue(null)!)
            .Concat(["promised", "statutory", "step"])
            .Distinct().ToList();
        string[] inner = ["template", "to", "code", "reason", "min", "max"];

        keys.Count.ShouldBeGreaterThan(25);
        keys.Where(k => !Page.Contains($"| `{k}` |", StringComparison.Ordinal)).ShouldBeEmpty("each key has a row with an example");
        inner.Where(k => !Page.Contains($"`{k}`", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void TheFirstExample_ReadsAndPasses()
    {
        var yaml = YamlBlock().Match(Page).Groups["yaml"].Value;
        var (sample, diagnostics) = SampleReader.Read(yaml, "docs/samples.md");
        diagnostics.ShouldBeEmpty();
        using var library = DefinitionLibrary.Load(Repository.Path("definitions"));

        var outcome = new SampleRunner(library).Run(sample!);

        outcome.Failures.ShouldBeEmpty();
        sample!.Expect.Notifications.ShouldNotBeNull().ShouldHaveSingleItem().To.ShouldBe("applicant");
    }
}
