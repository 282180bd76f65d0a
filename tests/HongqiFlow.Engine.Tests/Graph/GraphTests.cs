using HongqiFlow.Definitions.Graph;
using HongqiFlow.Definitions.Parsing;
using HongqiFlow.Tests.Cli;

namespace HongqiFlow.Tests.Graph;

public sealed class GraphTests
{
    private static readonly string EnterpriseFile = Repository.Path("definitions", "enterprise-establishment.yaml");

    private static DefinitionGraph Enterprise() =>
        DefinitionGraph.From(new DefinitionReader().ReadItemFile(EnterpriseFile).ModelOrThrow());

    [Fact]
    public void From_Enterprise_HasOneParallelStateWithFourBranchesOfThreeStates()
    {
        var graph = Enterprise();

        graph.Nodes.Single(n => n.Kind == GraphNodeKind.Parallel).Id.ShouldBe("approval");
        graph.Nodes.Where(n => n.Kind == GraphNodeKind.Branch).Select(n => n.Id)
            .ShouldBe(["approval/market", "approval/tax", "approval/social", "approval/seal"]);
        graph.Nodes.Count(n => n.Parent == "approval/tax").ShouldBe(3);
        graph.Nodes.Single(n => n.Id == "approval/tax").Detail.ShouldBe("tax; limit 3wh, on timeout approve");
    }

    [Fact]
    public void From_Enterprise_LabelsEdgesWithEventRoleAndGuard()
    {
        var graph = Enterprise();

        var accept = graph.Edges.Single(e => e.Event == "accept");
        accept.From.ShouldBe("received");
        accept.To.ShouldBe("approval");
        accept.Label.ShouldBe("accept (window) [missing.length === 0]");
        graph.Edges.Single(e => e.Kind == "join").Label.ShouldBe("join all");
        graph.Edges.Single(e => e.Kind == "timer").Label.ShouldBe("after 30d");
        graph.Edges.Count(e => e.From == "approval/market/reviewing").ShouldBe(2);
    }

    [Fact]
    public void Mermaid_Enterprise_DrawsBranchesAsConcurrentRegions()
    {
        var text = MermaidWriter.Write(Enterprise());

        text.ShouldStartWith("stateDiagram-v2\n");
        text.Split('\n').Count(l => l.Trim() == "--").ShouldBe(3);
        text.ShouldContain("state \"发票与税控 (tax； limit 3wh, on timeout approve)\" as approval_tax {");
        text.ShouldContain("        approval_tax_reviewing --> approval_tax_approved : approve");
        text.ShouldContain("    received --> correcting : notify-missing (window)");
    }

    [Fact]
    public void Dot_Enterprise_DrawsClusters()
    {
        var text = DotWriter.Write(Enterprise(), "QYKB-0001");

        text.ShouldStartWith("digraph \"QYKB-0001\" {");
        text.ShouldContain("subgraph \"cluster_approval\" {");
        text.ShouldContain("subgraph \"cluster_approval/tax\" {");
        text.ShouldContain("\"approval/market/reviewing\" -> \"issuing\" [label=\"join all\", ltail=\"cluster_approval\"];");
    }

    [Fact]
    public void GraphCommand_WritesMermaidByDefault()
    {
        var (exit, output, _) = Hongqi.Run("graph", EnterpriseFile);

        exit.ShouldBe(0);
        output.ShouldBe(MermaidWriter.Write(Enterprise()));
    }

    [Fact]
    public void GraphCommand_OnAnInvalidFile_PrintsTheErrors()
    {
        var (exit, _, error) = Hongqi.Run("graph", Repository.Path("tests", "fixtures", "invalid", "bad-duration.yaml"), "--format", "dot");

        exit.ShouldBe(1);
        error.ShouldContain("HQ1010");
    }
}
