using System.Text.RegularExpressions;
using HongqiFlow.Definitions.Graph;
using HongqiFlow.Definitions.Parsing;

namespace HongqiFlow.Tests.Graph;

/// <summary>docs/catalog.md shows every item's diagram exactly as <c>hongqi graph</c> draws it today (scripts/catalog-graphs.sh regenerates them).</summary>
public sealed partial class CatalogDiagramTests
{
    private static readonly string Doc = File.ReadAllText(Repository.Path("docs", "catalog.md")).ReplaceLineEndings("\n");

    public static TheoryData<string> Items()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repository.Path("definitions"), "*.yaml").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) != "organization.yaml")
            {
                data.Add("definitions/" + Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void CatalogDoc_EveryItem_ShowsTheDiagramHongqiGraphDrawsToday(string file)
    {
        var blocks = Diagram().Matches(Doc).Where(m => m.Groups["file"].Value == file).ToList();
        blocks.Count.ShouldBe(1, $"docs/catalog.md needs one '<!-- graph: {file} -->' followed by its diagram");

        var model = new DefinitionReader().ReadItemFile(Repository.Path(file)).ModelOrThrow();

        blocks[0].Groups["mermaid"].Value.ShouldBe(MermaidWriter.Write(DefinitionGraph.From(model)).ReplaceLineEndings("\n"),
            $"the diagram of {file} in docs/catalog.md is stale; run scripts/catalog-graphs.sh");
    }

    [Fact]
    public void Mermaid_BlockScalarGuard_IsDrawnOnOneLine()
    {
        var model = new DefinitionReader().ReadItemFile(Repository.Path("definitions", "employee-social-insurance-registration.yaml")).ModelOrThrow();

        var text = MermaidWriter.Write(DefinitionGraph.From(model));

        text.ShouldContain("    checking --> clerk_review : to-clerk (system) [const person = data['population.id-card']； const insured = data['hr.social-insurance']； (person != null && person.match !== true) || (insured != null && insured.active === true) ]\n");
    }

    [GeneratedRegex("<!-- graph: (?<file>[^ ]+) -->\n```mermaid\n(?<mermaid>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Diagram();
}
