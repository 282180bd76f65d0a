namespace HongqiFlow.Runtime;

internal static class Permissions
{
    public static IReadOnlyList<PermittedEvent> For(CompiledDefinition definition, CaseState state, Actor actor, DateTimeOffset now) => throw new NotImplementedException($"{definition} {state} {actor} {now}");
}
