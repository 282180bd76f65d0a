using System.Text;

namespace HongqiFlow.Definitions.Graph;

/// <summary>Writes a <see cref="DefinitionGraph"/> in Graphviz DOT; parallel states and branches become clusters.</summary>
public static class DotWriter
{
    public static string Write(DefinitionGraph graph, string name = "item")
    {
        ArgumentNullException.ThrowIfNull(graph);
        var sb = new StringBuilder();
        sb.Append("digraph ").Append(Quote(name)).AppendLine(" {");
        sb.AppendLine("    rankdir=LR;");
        sb.AppendLine("    compound=true;");
        sb.AppendLine("    node [shape=box, style=rounded, fontname=\"Noto Sans CJK SC\"];");
        sb.AppendLine("    edge [fontname=\"Noto Sans CJK SC\", fontsize=10];");
        WriteRegion(sb, graph, parent: null, indent: "    ");
        foreach (var node in graph.Nodes.Where(n => n.Initial))
        {
            var start = Quote("start:" + node.Id);
            sb.Append("    ").Append(start).AppendLine(" [shape=point, label=\"\"];");
            sb.Append("    ").Append(start).Append(" -> ").Append(Quote(Anchor(graph, node.Id))).AppendLine(";");
        }

        foreach (var edge in graph.Edges)
        {
            var style = edge.Kind switch
            {
                "timer" => ", style=dashed",
                "internal" => ", style=dotted",
                "refusal" => ", color=red",
                _ => string.Empty,
            };
            sb.Append("    ").Append(Quote(Anchor(graph, edge.From))).Append(" -> ").Append(Quote(Anchor(graph, edge.To)));
            sb.Append(" [label=").Append(Quote(edge.Label)).Append(style);
            if (graph.Nodes.Any(n => n.Id == edge.From && n.Kind == GraphNodeKind.Parallel))
            {
                sb.Append(", ltail=").Append(Quote("cluster_" + edge.From));
            }

            sb.AppendLine("];");
        }

        sb.AppendLine("}");
        return sb.ToString();
    }

    // An edge cannot start at a cluster in DOT; it starts at the cluster's first inner node and is clipped with ltail.
    private static string Anchor(DefinitionGraph graph, string id)
    {
        var node = graph.Nodes.FirstOrDefault(n => n.Id == id);
        if (node is null || node.Kind is not (GraphNodeKind.Parallel or GraphNodeKind.Branch))
        {
            return id;
        }

        var child = graph.Nodes.FirstOrDefault(n => n.Parent == id);
        return child is null ? id : Anchor(graph, child.Id);
    }

    private static void WriteRegion(StringBuilder sb, DefinitionGraph graph, string? parent, string indent)
    {
        foreach (var node in graph.Nodes.Where(n => n.Parent == parent))
        {
            var label = node.Detail is null ? node.Label : $"{node.Label}\n{node.Detail}";
            if (node.Kind is GraphNodeKind.Parallel or GraphNodeKind.Branch)
            {
                sb.Append(indent).Append("subgraph ").Append(Quote("cluster_" + node.Id)).AppendLine(" {");
                sb.Append(indent).Append("    label=").Append(Quote(label)).AppendLine(";");
                sb.Append(indent).AppendLine(node.Kind == GraphNodeKind.Parallel ? "    style=bold;" : "    style=dashed;");
                WriteRegion(sb, graph, node.Id, indent + "    ");
                sb.Append(indent).AppendLine("}");
            }
            else
            {
                var shape = node.Kind == GraphNodeKind.Final ? ", peripheries=2" : string.Empty;
                sb.Append(indent).Append(Quote(node.Id)).Append(" [label=").Append(Quote(label)).Append(shape).AppendLine("];");
            }
        }
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
