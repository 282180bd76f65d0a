using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;
using HongqiFlow.Tests.Runtime.Support;

namespace HongqiFlow.Tests.Runtime;

/// <summary>
/// Stateless is the reference semantics of every region; the decision table is derived from it. Over every catalog item,
/// every region, every state and every event the item declares, under every way its guards can come out, the table and a
/// Stateless machine (state held outside it) agree: permitted or not, the destination, and the guards that stop it.
/// </summary>
public sealed class StatelessReferenceTests
{
    public static TheoryData<string> Items()
    {
        var data = new TheoryData<string>();
        foreach (var item in ReferenceCatalog.All())
        {
            data.Add(item.Code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void EveryStateAndEvent_TableAndStatelessAgree(string code)
    {
        var definition = ReferenceCatalog.All().Single(d => d.Code == code);
        var events = definition.Regions.SelectMany(r => r.StateList).SelectMany(s => s.Transitions).Select(t => t.Event).Distinct().ToList();
        var compared = 0;
        var permitted = 0;

        foreach (var region in definition.Regions)
        {
            foreach (var state in region.StateList)
            {
                foreach (var @event in events)
                {
                    var alternatives = region.Alternatives(state.Name, @event);
                    var guards = alternatives.Select(t => t.When).OfType<ExpressionSource>().Distinct().ToList();
                    guards.Count.ShouldBeLessThan(10, $"{code} {region.Name}:{state.Name} {@event} has too many guards to enumerate");
                    for (var mask = 0; mask < 1 << guards.Count; mask++)
                    {
                        var m = mask;
                        bool Holds(ExpressionSource g) => (m & (1 << guards.IndexOf(g))) != 0;
                        var where = $"{code} {region.Name}:{state.Name} --{@event}--> (guards {Convert.ToString(mask, 2)})";

                        var expected = region.Resolve(state.Name, @event, Holds);
                        var slot = state.Name;
                        var machine = region.Machine(() => slot, s => slot = s);

                        machine.CanFire(@event, Holds).ShouldBe(expected is not null, where);
                        machine.PermittedEvents(Holds).Contains(@event).ShouldBe(expected is not null, where);
                        if (expected is null)
                        {
                            // Not permitted: Stateless names exactly the guards the table found false (none when the state lacks the event).
                            machine.UnmetGuards(@event, Holds).ShouldBe(
                                alternatives.Select((t, i) => RegionMachine.Describe(t.When, [.. alternatives.Take(i).Select(a => a.When)])).OfType<string>(),
                                ignoreOrder: true, where);
                            Should.Throw<InvalidOperationException>(() => machine.Fire(@event, Holds), where);
                            slot.ShouldBe(state.Name, where);
                        }
                        else
                        {
                            machine.UnmetGuards(@event, Holds).ShouldBeEmpty(where);
                            machine.Fire(@event, Holds);
                            slot.ShouldBe(expected.Target ?? state.Name, where);
                            permitted++;
                        }

                        compared++;
                    }
                }
            }
        }

        compared.ShouldBeGreaterThan(0);
        permitted.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Table_IsReadOffStatelessInfo_WithGuardDescriptionsPerAlternative()
    {
        var licence = ReferenceCatalog.All().Single(d => d.Definition.States.Any(s => s.Name == "routing"));
        var info = licence.Main.Info();
        var routing = info.States.Single(s => (string)s.UnderlyingState == "routing");

        routing.FixedTransitions.Where(t => (string)t.Trigger.UnderlyingTrigger == "route")
            .Select(t => ((string)t.DestinationState.UnderlyingState, t.GuardConditionsMethodDescriptions.Single().Description))
            .ShouldBe([
                ("joint-approval", "(data.changes || []).includes('legal-representative')"),
                ("issuing", "else if (data.changes || []).length > 0 && (data.changes || []).every(c => ['name', 'address', 'scope', 'capital'].includes(c))"),
                ("review", "else"),
            ]);
        licence.Main.Alternatives("routing", "route").Select(t => t.Target).ShouldBe(["joint-approval", "issuing", "review"]);
    }

    [Fact]
    public void Alternatives_FirstWhoseGuardHoldsWins_OnStatelessAndInTheTable()
    {
        var licence = ReferenceCatalog.All().Single(d => d.Definition.States.Any(s => s.Name == "routing"));
        var slot = "routing";
        var machine = licence.Main.Machine(() => slot, s => slot = s);

        // Both guards hold: the first alternative is taken, not the last one written.
        machine.Fire("route", _ => true);

        slot.ShouldBe("joint-approval");
        licence.Main.Resolve("routing", "route", _ => true)!.Target.ShouldBe("joint-approval");
    }

    [Fact]
    public void InternalTransition_StaysInItsState_OnStatelessAndInTheTable()
    {
        var house = ReferenceCatalog.All().Single(d => d.Definition.States.Any(s => s.Transitions.Any(t => t.Event == "verify-trade")));
        var (region, state) = house.Regions.SelectMany(r => r.StateList.Select(s => (r, s))).First(x => x.s.Transitions.Any(t => t.Event == "verify-trade"));
        var slot = state.Name;
        var machine = region.Machine(() => slot, s => slot = s);

        machine.Fire("verify-trade", _ => true);

        slot.ShouldBe(state.Name);
        region.Resolve(state.Name, "verify-trade", _ => true)!.Target.ShouldBeNull();
        region.Info().States.Single(s => (string)s.UnderlyingState == state.Name).FixedTransitions
            .Single(t => (string)t.Trigger.UnderlyingTrigger == "verify-trade").IsInternalTransition.ShouldBeTrue();
    }
}
