using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Definitions.Graph;

public enum GraphNodeKind
{
    State,
    Final,
    Parallel,
    Branch,
}

/// <summary>A drawable node: ids are unique across regions (<c>approval/market/reviewing</c>).</summary>
public sealed record GraphNode(string Id, string Name, string Label, GraphNodeKind Kind, string? Parent, bool Initial, string? Detail);

/// <summary>A drawable edge: a transition, a timer, or a parallel state's exit.</summary>
public sealed record GraphEdge(string From, string To, string Label, string? Event, IReadOnlyList<string> Roles, string? Guard, string Kind);

/// <summary>
/// The definition as a graph of nodes and edges, neutral to any renderer: Mermaid, DOT and the designer all draw from it.
/// Branch bodies that <c>use:</c> a fragment are expanded so each branch shows its own states.
/// </summary>
public sealed record DefinitionGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges)
{
    public static DefinitionGraph From(ServiceItemDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var nodes = new List<GraphNode>();
        var edges = new List<GraphEdge>();
        var fragments = definition.Fragments.ToDictionary(f => f.Name, f => f.States, StringComparer.Ordinal);
        AddRegion(definition.States, parent: null, prefix: string.Empty, fragments, nodes, edges);
        return new DefinitionGraph(nodes, edges);
    }

    private static void AddRegion(
        ValueList<StateDefinition> states,
        string? parent,
        string prefix,
        Dictionary<string, ValueList<StateDefinition>> fragments,
        List<GraphNode> nodes,
        List<GraphEdge> edges)
    {
        var known = states.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        string Id(string name) => prefix + name;

        foreach (var state in states)
        {
            var kind = state.IsParallel ? GraphNodeKind.Parallel : state.Final ? GraphNodeKind.Final : GraphNodeKind.State;
            nodes.Add(new GraphNode(Id(state.Name), state.Name, state.Title ?? state.Name, kind, parent, state.Initial, Describe(state)));

            foreach (var t in state.Transitions)
            {
                var target = t.Target is null ? Id(state.Name) : known.Contains(t.Target) ? Id(t.Target) : t.Target;
                var roles = t.By.ToList();
                var label = t.Event + (roles.Count > 0 ? $" ({string.Join(", ", roles)})" : string.Empty);
                if (t.When is not null)
                {
                    label += $" [{t.When.Code}]";
                }

                edges.Add(new GraphEdge(Id(state.Name), target, label, t.Event, roles, t.When?.Code, t.Target is null ? "internal" : "transition"));
            }

            foreach (var timer in state.Timers)
            {
                var target = known.Contains(timer.Target) ? Id(timer.Target) : timer.Target;
                edges.Add(new GraphEdge(Id(state.Name), target, $"after {timer.After}", null, ["system"], null, "timer"));
            }

            if (state.Parallel is { } parallel)
            {
                foreach (var branch in parallel.Branches)
                {
                    var branchId = $"{Id(state.Name)}/{branch.Name}";
                    var detail = branch.Limit is { } limit ? $"limit {limit}" : null;
                    if (branch.OnTimeout != BranchTimeout.Warn)
                    {
                        detail = (detail is null ? string.Empty : detail + ", ") + $"on timeout {branch.OnTimeout.ToString().ToLowerInvariant()}";
                    }

                    nodes.Add(new GraphNode(branchId, branch.Name, branch.Title ?? branch.Name, GraphNodeKind.Branch, Id(state.Name), false, $"{branch.Department}{(detail is null ? string.Empty : "; " + detail)}"));
                    var body = branch.Use is not null && fragments.TryGetValue(branch.Use, out var fragment) ? fragment : branch.States;
                    AddRegion(body, branchId, branchId + "/", fragments, nodes, edges);
                }

                if (state.OnDone is { } done)
                {
                    edges.Add(new GraphEdge(Id(state.Name), known.Contains(done) ? Id(done) : done, $"join {parallel.Join}", null, [], null, "join"));
                }

                if (parallel.OnReject is { Kind: RefusalKind.End, Target: { } rejected })
                {
                    edges.Add(new GraphEdge(Id(state.Name), known.Contains(rejected) ? Id(rejected) : rejected, "refused", null, [], null, "refusal"));
                }
            }
        }
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string? Describe(StateDefinition state)
    {
        var parts = new List<string>();
        if (state.Limit is { } limit)
        {
            parts.Add($"limit {limit}");
        }

        if (state.Clock is { } clock && clock != ClockMode.Running)
        {
            parts.Add(state.PausedFor is null ? $"clock {Kebab(clock.ToString())}" : $"clock paused for {state.PausedFor}");
        }

        if (state.Outcome is { } outcome)
        {
            parts.Add(outcome);
        }

        if (state.Parallel is { } p)
        {
            parts.Add($"join {p.Join}");
            parts.Add(p.OnReject.Kind == RefusalKind.Suspend ? "on refusal suspend" : $"on refusal {p.OnReject.Target}");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
