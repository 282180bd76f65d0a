using System.Collections.Frozen;
using HongqiFlow.Definitions.Model;
using Stateless;
using Stateless.Graph;

namespace HongqiFlow.Runtime;

/// <summary>
/// One region of a compiled definition: the main flow, or one branch of a parallel state with its fragment expanded.
/// The graph is configured once on Stateless (state kept outside the machine, in a slot the machine never owns) for
/// introspection and export; decisions use <see cref="Transitions"/>, a frozen table built from the same graph.
/// </summary>
public sealed class CompiledRegion
{
    private readonly FrozenDictionary<string, StateDefinition> _states;
    private readonly FrozenDictionary<(string State, string Event), TransitionDefinition> _transitions;
    private readonly StateMachine<string, string> _machine;
    private readonly Lock _machineLock = new();

    internal CompiledRegion(string name, BranchDefinition? branch, string? parallelState, IReadOnlyList<StateDefinition> states)
    {
        Name = name;
        Branch = branch;
        ParallelState = parallelState;
        StateList = states;
        _states = states.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        InitialState = (states.FirstOrDefault(s => s.Initial) ?? states[0]).Name;
        var table = new Dictionary<(string, string), TransitionDefinition>();
        foreach (var state in states)
        {
            foreach (var t in state.Transitions)
            {
                table[(state.Name, t.Event)] = t;
            }
        }

        _transitions = table.ToFrozenDictionary();

        // The machine reads and writes a slot of its own; it never holds case state, so sharing it is safe.
        var slot = InitialState;
        _machine = new StateMachine<string, string>(() => slot, s => slot = s);
        foreach (var state in states)
        {
            var config = _machine.Configure(state.Name);
            foreach (var t in state.Transitions)
            {
                var guardText = t.When?.Code ?? string.Empty;
                if (t.Target is null || t.Target == state.Name)
                {
                    config.PermitReentryIf(t.Event, () => true, guardText);
                }
                else if (_states.ContainsKey(t.Target))
                {
                    config.PermitIf(t.Event, t.Target, () => true, guardText);
                }
                else
                {
                    // A branch event leading out of the branch is invalid; the validator reports it.
                    config.Ignore(t.Event);
                }
            }

            foreach (var timer in state.Timers)
            {
                if (_states.ContainsKey(timer.Target))
                {
                    config.Permit("after " + timer.After, timer.Target);
                }
            }
        }
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

    internal FrozenDictionary<(string State, string Event), TransitionDefinition> Transitions => _transitions;

    public StateDefinition State(string name) => _states[name];

    public bool HasState(string name) => _states.ContainsKey(name);

    /// <summary>What people call the state: its title, else its name (also for a name the region does not have).</summary>
    public string TitleOf(string state) => _states.TryGetValue(state, out var s) ? s.Title ?? state : state;

    public TransitionDefinition? Transition(string state, string @event) =>
        _transitions.TryGetValue((state, @event), out var t) ? t : null;

    /// <summary>Stateless's description of the graph, for tools.</summary>
    public Stateless.Reflection.StateMachineInfo Info()
    {
        // Stateless does not promise thread safety, even for reading its configuration.
        lock (_machineLock)
        {
            return _machine.GetInfo();
        }
    }

    /// <summary>The region as a Mermaid state diagram (Stateless's exporter).</summary>
    public string ToMermaid() => MermaidGraph.Format(Info());
}
