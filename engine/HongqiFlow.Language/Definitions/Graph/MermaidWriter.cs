using System.Text;

namespace HongqiFlow.Definitions.Graph;

/// <summary>Writes a <see cref="DefinitionGraph"/> as a Mermaid <c>stateDiagram-v2</c>; parallel branches become concurrent regions.</summary>
public static class MermaidWriter
{
    public static string Write(DefinitionGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var sb = new StringBuilder();
        sb.AppendLine("stateDiagram-v2");
        // Mermaid ids are ASCII words; every node gets its own, stable for the same definition, even when two names
        // read the same once written in ASCII (审核 and 复核, or a-b and a_b).
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            var id = Sanitize(node.Id);
            for (var n = 2; !taken.Add(id); n++)
            {
                id = $"{Sanitize(node.Id)}_{n}";
            }

            ids[node.Id] = id;
        }

        string IdOf(string id) => ids.TryGetValue(id, out var s) ? s : Sanitize(id);

        WriteRegion(sb, graph, parent: null, indent: "    ", IdOf);
        return sb.ToString();
    }

    private static void WriteRegion(StringBuilder sb, DefinitionGraph graph, string? parent, string indent, Func<string, string> idOf)
    {
        var children = graph.Nodes.Where(n => n.Parent == parent).ToList();
        foreach (var node in children)
        {
            var label = node.Detail is null ? node.Label : $"{node.Label}<br/>{node.Detail}";
            if (node.Kind == GraphNodeKind.Parallel)
            {
                sb.Append(indent).Append("state \"").Append(Escape(label)).Append("\" as ").Append(idOf(node.Id)).AppendLine(" {");
                var branches = graph.Nodes.Where(n => n.Parent == node.Id && n.Kind == GraphNodeKind.Branch).ToList();
                for (var i = 0; i < branches.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(indent).AppendLine("    --");
                    }

                    var branch = branches[i];
                    sb.Append(indent).Append("    state \"").Append(Escape($"{branch.Label} ({branch.Detail})")).Append("\" as ").Append(idOf(branch.Id)).AppendLine(" {");
                    WriteRegion(sb, graph, branch.Id, indent + "        ", idOf);
                    sb.Append(indent).AppendLine("    }");
                }

                sb.Append(indent).AppendLine("}");
            }
            else if (node.Kind != GraphNodeKind.Branch)
            {
                sb.Append(indent).Append("state \"").Append(Escape(label)).Append("\" as ").AppendLine(idOf(node.Id));
            }

            if (node.Initial)
            {
                sb.Append(indent).Append("[*] --> ").AppendLine(idOf(node.Id));
            }
        }

        // Transitions are written inside the region of their source, so nested states stay nested.
        var inRegion = children.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var edge in graph.Edges.Where(e => e.Kind != "internal" && inRegion.Contains(e.From)))
        {
            sb.Append(indent).Append(idOf(edge.From)).Append(" --> ").Append(idOf(edge.To));
            sb.Append(" : ").AppendLine(Escape(edge.Label));
        }

        foreach (var node in children.Where(n => n.Kind == GraphNodeKind.Final))
        {
            sb.Append(indent).Append(idOf(node.Id)).AppendLine(" --> [*]");
        }
    }

    private static string Sanitize(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var rune in id.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                sb.Append(char.IsAsciiLetterOrDigit((char)rune.Value) ? (char)rune.Value : '_');
            }
            else
            {
                // A Chinese name keeps its identity as its code points: 审核 is u5BA1u6838.
                sb.Append('u').Append(rune.Value.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    // A Mermaid label ends at the line break, so a block-scalar guard is drawn on one line.
    private static string Escape(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Replace("\"", "'", StringComparison.Ordinal).Replace(":", "：", StringComparison.Ordinal).Replace(";", "；", StringComparison.Ordinal);
}
