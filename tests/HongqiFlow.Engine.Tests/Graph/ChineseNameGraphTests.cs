using System.Text.RegularExpressions;
using HongqiFlow.Definitions.Graph;
using HongqiFlow.Definitions.Parsing;

namespace HongqiFlow.Tests.Graph;

/// <summary>States may be named in Chinese (docs/dsl.md); each still gets its own node in both diagram formats.</summary>
public sealed partial class ChineseNameGraphTests
{
    private const string Yaml = """
        hongqiflow: 1
        item: { code: T-ZH, name: 中文状态名, lead: tax }
        states:
          收件: { initial: true, on: { 受理: 审核 } }
          审核: { on: { 通过: 复核, 退回: 收件 } }
          复核: { on: { 批准: 办结, a-b: a_b } }
          a_b: { on: { 办结: 办结 } }
          办结: { final: true }
        """;

    private static DefinitionGraph Graph()
    {
        var result = new DefinitionReader().ReadItem(Yaml, "zh.yaml");
        result.Diagnostics.ShouldBeEmpty();
        return DefinitionGraph.From(result.Model!);
    }

    [GeneratedRegex(@"^\s*state "".*"" as (\S+)$", RegexOptions.Multiline)]
    private static partial Regex MermaidState();

    [GeneratedRegex(@"^\s*""([^""]+)"" \[label=", RegexOptions.Multiline)]
    private static partial Regex DotNode();

    [Fact]
    public void Mermaid_TwoChineseStateNames_GetDistinctStableIds()
    {
        var text = MermaidWriter.Write(Graph());

        MermaidState().Matches(text).Select(m => m.Groups[1].Value)
            .ShouldBe(["u6536u4EF6", "u5BA1u6838", "u590Du6838", "a_b", "u529Eu7ED3"]);
        text.ShouldContain("    u5BA1u6838 --> u590Du6838 : 通过");
        text.ShouldContain("    u5BA1u6838 --> u6536u4EF6 : 退回");
        text.ShouldContain("    [*] --> u6536u4EF6");
        text.ShouldBe(MermaidWriter.Write(Graph()), "the same definition draws the same ids");
    }

    [Fact]
    public void Mermaid_NamesThatReadAlikeInAscii_AreKeptApart()
    {
        var graph = Graph();
        var withTwin = graph with { Nodes = [.. graph.Nodes, graph.Nodes.Single(n => n.Id == "a_b") with { Id = "a-b", Name = "a-b", Label = "a-b" }] };

        var ids = MermaidState().Matches(MermaidWriter.Write(withTwin)).Select(m => m.Groups[1].Value).ToList();

        ids.ShouldBeUnique();
        ids.ShouldContain("a_b_2");
    }

    [Fact]
    public void Dot_TwoChineseStateNames_GetDistinctNodes()
    {
        var text = DotWriter.Write(Graph(), "T-ZH");

        DotNode().Matches(text).Select(m => m.Groups[1].Value).ShouldBe(["收件", "审核", "复核", "a_b", "办结"]);
        text.ShouldContain("\"审核\" -> \"复核\" [label=\"通过\"];");
        text.ShouldContain("\"审核\" -> \"收件\" [label=\"退回\"];");
    }
}
