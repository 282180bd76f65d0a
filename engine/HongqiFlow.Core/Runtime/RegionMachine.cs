using HongqiFlow.Definitions.Model;
using Stateless;
using Stateless.Reflection;

namespace HongqiFlow.Runtime;

/// <summary>Whether a guard (<c>when:</c>) holds for the case and command at hand.</summary>
public delegate bool GuardOracle(ExpressionSource guard);

/// <summary>
/// The reference semantics of one region, configured on Stateless from the definition: each state, each event it
/// permits with its destination, each <c>when:</c> as a Stateless guard clause, and each timer. The region's state is
/// held outside the machine (Stateless's accessor/mutator constructor), so one configuration answers for any case.
/// <para>
/// Events are triggers with one parameter, a <see cref="GuardOracle"/>, so the guard clauses ask the caller whether a
/// <c>when:</c> holds. Several transitions written for one event (a list) are alternatives, the first whose guard holds
/// wins; Stateless wants guard clauses that exclude each other, so alternative <c>i</c> is guarded by "its own guard
/// holds and no earlier one does". An event that stays where it is (no <c>to:</c>, or its own state) is an internal
/// transition. Timers are plain triggers named <c>after DURATION</c>. A parallel state is one state of the main region;
/// each of its branches is a region of its own with its own machine (the engine's model of regions), and joins are
/// not triggers.
/// </para>
/// <para>
/// <see cref="CompiledRegion"/> derives its decision table from <see cref="Info"/>; a test fires every trigger of
/// every catalog item on this machine and checks that the table agrees. Stateless is not thread-safe: one instance per
/// caller.
/// </para>
/// </summary>
public sealed class RegionMachine
{
    /// <summary>The prefix of timer triggers (<c>after 30d</c>); definition events never contain a space.</summary>
    public const string TimerPrefix = "after ";

    private readonly StateMachine<string, string> _machine;
    private readonly Dictionary<string, StateMachine<string, string>.TriggerWithParameters<GuardOracle>> _events = new(StringComparer.Ordinal);

    /// <summary>Configures the region's states; <paramref name="readState"/> and <paramref name="writeState"/> hold its current state.</summary>
    public RegionMachine(IReadOnlyList<StateDefinition> states, Func<string> readState, Action<string> writeState)
    {
        ArgumentNullException.ThrowIfNull(states);
        _machine = new StateMachine<string, string>(readState, writeState);
        foreach (var state in states)
        {
            var config = _machine.Configure(state.Name);
            foreach (var alternatives in state.Transitions.GroupBy(t => t.Event, StringComparer.Ordinal))
            {
                var trigger = Trigger(alternatives.Key);
                var earlier = new List<ExpressionSource?>();
                foreach (var t in alternatives)
                {
                    var guard = Guard(t.When, [.. earlier]);
                    var description = Describe(t.When, earlier);
                    var stays = t.Target is null || t.Target == state.Name;
                    if (description is null && stays)
                    {
                        config.InternalTransition(trigger, static (_, _) => { });
                    }
                    else if (description is null)
                    {
                        config.Permit(alternatives.Key, t.Target!);
                    }
                    else if (stays)
                    {
                        config.InternalTransitionIf(trigger, guard, static (_, _) => { }, description);
                    }
                    else
                    {
                        config.PermitIf(trigger, t.Target!, guard, description);
                    }

                    earlier.Add(t.When);
                }
            }

            foreach (var timer in state.Timers)
            {
                if (timer.Target == state.Name)
                {
                    config.PermitReentry(TimerPrefix + timer.After);
                }
                else
                {
                    config.Permit(TimerPrefix + timer.After, timer.Target);
                }
            }
        }
    }

    /// <summary>The region's current state, as the accessor gives it.</summary>
    public string State => _machine.State;

    /// <summary>True when the event is permitted in the current state with the guards as <paramref name="guards"/> answers them.</summary>
    public bool CanFire(string @event, GuardOracle guards) =>
        _events.TryGetValue(@event, out var trigger) && _machine.CanFire(trigger, guards);

    /// <summary>The descriptions of the guard clauses that keep the event from firing in the current state (empty when it may fire or the state does not know it).</summary>
    public IReadOnlyCollection<string> UnmetGuards(string @event, GuardOracle guards)
    {
        if (!_events.TryGetValue(@event, out var trigger))
        {
            return [];
        }

        // Stateless leaves the list null when the state does not configure the trigger at all.
        _machine.CanFire(trigger, guards, out var unmet);
        return unmet is null ? [] : [.. unmet];
    }

    /// <summary>Fires the event (the mutator receives the destination); throws when it is not permitted.</summary>
    public void Fire(string @event, GuardOracle guards)
    {
        if (!_events.TryGetValue(@event, out var trigger))
        {
            throw new InvalidOperationException($"the region has no event '{@event}'");
        }

        _machine.Fire(trigger, guards);
    }

    /// <summary>The definition events permitted in the current state (timers excluded).</summary>
    public IReadOnlyList<string> PermittedEvents(GuardOracle guards) =>
        [.. _events.Where(e => _machine.CanFire(e.Value, guards)).Select(e => e.Key)];

    /// <summary>Every definition event of the region.</summary>
    public IReadOnlyCollection<string> Events => _events.Keys;

    /// <summary>Stateless's description of the configuration: states, triggers, destinations, guard descriptions.</summary>
    public StateMachineInfo Info() => _machine.GetInfo();

    /// <summary>
    /// How a guard clause is described: the <c>when:</c> of the first alternative, <c>else if WHEN</c> or <c>else</c> for
    /// the later ones; null for an unguarded first alternative, configured without a guard clause.
    /// </summary>
    public static string? Describe(ExpressionSource? when, IReadOnlyList<ExpressionSource?> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (earlier.Count == 0)
        {
            return when?.Code;
        }

        return when is null ? "else" : "else if " + when.Code;
    }

    private StateMachine<string, string>.TriggerWithParameters<GuardOracle> Trigger(string name)
    {
        if (!_events.TryGetValue(name, out var trigger))
        {
            trigger = _machine.SetTriggerParameters<GuardOracle>(name);
            _events[name] = trigger;
        }

        return trigger;
    }

    private static Func<GuardOracle, bool> Guard(ExpressionSource? when, ExpressionSource?[] earlier) =>
        guards =>
        {
            foreach (var e in earlier)
            {
                if (e is null || guards(e))
                {
                    return false;
                }
            }

            return when is null || guards(when);
        };
}
