using BenchmarkDotNet.Attributes;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using Stateless;

namespace HongqiFlow.Benchmarks.Runtime;

/// <summary>
/// One transition: <see cref="Engine.Decide"/> against raw Stateless <c>Fire</c> on the same four-state line
/// (received → reviewing → deciding → issued, one guardless trigger per step). Target: Decide at most 1.3× the time.
/// Each invocation fires the whole trigger sequence from <c>received</c> (three transitions) and counts as three operations.
/// <list type="bullet">
/// <item>Stateless: the machine is configured once with its state in an external slot (as the engine keeps state
/// outside the machine); per transition <c>Fire(trigger)</c> looks up the state's configuration, finds the trigger's
/// behaviour, exits and enters states and writes the slot.</item>
/// <item>Decide: per transition, on an immutable case state, checks the command (started, version, idempotency key,
/// declared event), finds the transition, enforces <c>by:</c> roles, emits the events (transition, state entered,
/// clock started on acceptance, clock stopped and outcome on the final state, each with actor, channel and time),
/// folds each into a new case state, runs the automatic-step check, and returns the events with the new state.</item>
/// </list>
/// </summary>
[Config(typeof(RatioConfig))]
[MemoryDiagnoser]
public class TransitionBenchmarks
{
    private const int Transitions = 3;

    private static readonly string[] Triggers = ["accept", "approve", "issue"];

    private DefinitionLibrary? _library;
    private CompiledDefinition? _definition;
    private CaseState? _received;
    private Command[] _commands = [];
    private StateMachine<string, string>? _machine;
    private string _slot = "received";

    [GlobalSetup]
    public void Setup()
    {
        (_library, _definition) = BenchmarkDefinitions.Compile(BenchmarkDefinitions.Linear, "bench-linear.yaml");
        _received = BenchmarkDefinitions.Accept(_definition, CaseState.Initial(_definition, "case-1"), BenchmarkDefinitions.Start("case-1"));
        _commands = [.. Triggers.Select(t => Command.Send(t, BenchmarkDefinitions.Clerk))];

        _machine = new StateMachine<string, string>(() => _slot, s => _slot = s);
        _machine.Configure("received").Permit("accept", "reviewing");
        _machine.Configure("reviewing").Permit("approve", "deciding");
        _machine.Configure("deciding").Permit("issue", "issued");
        _machine.Configure("issued");

        // Both sides must end where the definition says, or the comparison is of different work.
        if (StatelessFire() != "issued" || HongqiFlowDecide() != "issued")
        {
            throw new InvalidOperationException("the two machines do not reach 'issued' on the same triggers");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _library?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Transitions)]
    public string StatelessFire()
    {
        _slot = "received";
        foreach (var trigger in Triggers)
        {
            _machine!.Fire(trigger);
        }

        return _slot;
    }

    [Benchmark(OperationsPerInvoke = Transitions)]
    public string HongqiFlowDecide()
    {
        var state = _received!;
        foreach (var command in _commands)
        {
            state = ((Accepted)Engine.Decide(_definition!, state, command, BenchmarkDefinitions.Now)).NewState;
        }

        return state.MainState;
    }
}
