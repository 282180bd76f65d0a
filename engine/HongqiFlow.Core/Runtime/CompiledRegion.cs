using System.Collections.Frozen;
using HongqiFlow.Definitions.Model;
using Stateless;
using Stateless.Graph;

namespace HongqiFlow.Runtime;

/// <summary>
/// One region of a compiled definition: the main flow, or one branch of a parallel state with its fragment expanded.
/// Its reference semantics is a <see cref="RegionMachine"/> (Stateless, state held outside the machine); the frozen
/// decision table <see cref="Engine.Decide"/> reads is derived from that machine's configuration (<see cref="RegionMachine.Info"/>)
/// and checked against it when the region is compiled.
/// </summary>
public sealed class CompiledRegion
{
    private readonly FrozenDictionary<string, StateDefinition> _states;
    private readonly FrozenDictionary<(string State, string Event), TransitionDefinition[]> _transitions;
    private readonly RegionMachine _machine;
    private readonly Lock _machineLock = new();

    internal CompiledRegion(string name, BranchDefinition? branch, string? parallelState, IReadOnlyList<StateDefinition> states)
    {
        Name = name;
        Branch = branch;
        ParallelState = parallelState;
        StateList = states;
        _states = states.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        InitialState = (states.FirstOrDefault(s => s.Initial) ?? states[0]).Name;

        // The shared machine reads and writes a slot of its own; it never holds case state. It serves introspection only.
        var slot = InitialState;
        _machine = new RegionMachine(states, () => slot, s => slot = s);
        _transitions = DeriveTable(_machine.Info(), _states);
    }

    /// <summary><c>main</c>, or <c>PARALLEL/BRANCH</c> such as <c>approval/tax</c>.</summary>
    public string Name { get; }

    /// <summary>The branch this region runs; null for main.</summary>
    public BranchDefinition? Branch { get; }

    /// <summary>The parallel state holding this branch; null for main.</summary>
    public string? ParallelState { get; }

    public string InitialState { get; }

    public IReadOnlyList<StateDefinition> StateList { get; }

    public bool IsMain => Branch is null;

    internal FrozenDictionary<(string State, string Event), TransitionDefinition[]> Transitions => _transitions;

    public StateDefinition State(string name) => _states[name];

    public bool HasState(string name) => _states.ContainsKey(name);

    /// <summary>What people call the state: its title, else its name (also for a name the region does not have).</summary>
    public string TitleOf(string state) => _states.TryGetValue(state, out var s) ? s.Title ?? state : state;

    /// <summary>The first transition written for the event in the state (the only one unless the event lists alternatives).</summary>
    public TransitionDefinition? Transition(string state, string @event) =>
        _transitions.TryGetValue((state, @event), out var t) ? t[0] : null;

    /// <summary>The transitions written for the event in the state, in order (alternatives: the first whose guard holds wins); empty when not permitted.</summary>
    public IReadOnlyList<TransitionDefinition> Alternatives(string state, string @event) =>
        _transitions.TryGetValue((state, @event), out var t) ? t : [];

    /// <summary>The table's row for the state and event (alternatives in order), null when the event is not permitted there; the hot path's one lookup.</summary>
    internal TransitionDefinition[]? Row(string state, string @event) =>
        _transitions.TryGetValue((state, @event), out var t) ? t : null;

    /// <summary>The transition the table takes for the event in the state with the guards as answered; null when none applies.</summary>
    public TransitionDefinition? Resolve(string state, string @event, GuardOracle guards)
    {
        ArgumentNullException.ThrowIfNull(guards);
        if (!_transitions.TryGetValue((state, @event), out var alternatives))
        {
            return null;
        }

        foreach (var t in alternatives)
        {
            if (t.When is null || guards(t.When))
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>A fresh reference machine of this region with its state held by the caller (one per caller: Stateless is not thread-safe).</summary>
    public RegionMachine Machine(Func<string> readState, Action<string> writeState) => new(StateList, readState, writeState);

    /// <summary>Stateless's description of the graph, for tools.</summary>
    public Stateless.Reflection.StateMachineInfo Info()
    {
        // Stateless does not promise thread safety, even for reading its configuration.
        lock (_machineLock)
        {
            return _machine.Info();
        }
    }

    /// <summary>The region as a Mermaid state diagram (Stateless's exporter).</summary>
    public string ToMermaid() => MermaidGraph.Format(Info());

    /// <summary>
    /// The decision table, read off Stateless's configuration: for each configured state, each event trigger it permits
    /// (fixed and internal transitions, in the order configured) with its destination and guard description. The table
    /// keeps the definition's transitions (roles, materials, notices ride on them); a destination or guard that does not
    /// match the definition's transition at the same position is a compiler fault and throws.
    /// </summary>
    private static FrozenDictionary<(string State, string Event), TransitionDefinition[]> DeriveTable(
        Stateless.Reflection.StateMachineInfo info, FrozenDictionary<string, StateDefinition> states)
    {
        var table = new Dictionary<(string, string), TransitionDefinition[]>();
        foreach (var stateInfo in info.States)
        {
            var name = stateInfo.UnderlyingState as string;
            if (name is null || !states.TryGetValue(name, out var state))
            {
                continue;
            }

            var groups = stateInfo.FixedTransitions
                .Select(t => (Event: (string)t.Trigger.UnderlyingTrigger, Transition: t))
                .Where(t => !t.Event.StartsWith(RegionMachine.TimerPrefix, StringComparison.Ordinal))
                .GroupBy(t => t.Event, StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var written = state.Transitions.Where(t => t.Event == group.Key).ToArray();
                var configured = group.Select(g => g.Transition).ToArray();
                if (written.Length != configured.Length)
                {
                    throw new InvalidOperationException($"state '{name}' event '{group.Key}': Stateless has {configured.Length} transitions, the definition {written.Length}");
                }

                var alternatives = new TransitionDefinition[configured.Length];
                for (var i = 0; i < configured.Length; i++)
                {
                    var c = configured[i];
                    var w = written[i];
                    var destination = (string)c.DestinationState.UnderlyingState;
                    // Stateless gives an unconditional internal transition a placeholder guard named "Function".
                    var guard = c.GuardConditionsMethodDescriptions.Where(g => !(c.IsInternalTransition && g.Description == Stateless.Reflection.InvocationInfo.DefaultFunctionDescription))
                        .Select(g => g.Description).SingleOrDefault();
                    var expected = RegionMachine.Describe(w.When, [.. written.Take(i).Select(e => e.When)]);
                    if (destination != (w.Target ?? name) || guard != expected)
                    {
                        throw new InvalidOperationException($"state '{name}' event '{group.Key}' #{i}: Stateless goes to '{destination}' when [{guard}], the definition to '{w.Target ?? name}' when [{expected}]");
                    }

                    alternatives[i] = w;
                }

                table[(name, group.Key)] = alternatives;
            }
        }

        return table.ToFrozenDictionary();
    }
}
