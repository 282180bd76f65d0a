using System.Collections;

namespace HongqiFlow.Runtime;

/// <summary>
/// The permitted events of a <see cref="Rejection"/>, listed when first read. Automatic steps try transitions that a
/// built-in rule may refuse and drop the refusal; listing every permitted event (guards included) for those would be
/// most of a decision's cost. The inputs are immutable, so the list read later is the list at the rejection.
/// </summary>
internal sealed class DeferredPermittedEvents(CompiledDefinition definition, CaseState state, Actor actor, DateTimeOffset now) : IReadOnlyList<PermittedEvent>
{
    private readonly Lazy<IReadOnlyList<PermittedEvent>> _events = new(() => Permissions.For(definition, state, actor, now));

    public int Count => _events.Value.Count;

    public PermittedEvent this[int index] => _events.Value[index];

    public IEnumerator<PermittedEvent> GetEnumerator() => _events.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
