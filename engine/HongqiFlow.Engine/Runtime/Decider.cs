namespace HongqiFlow.Runtime;

internal sealed class Decider(CompiledDefinition definition, CaseState state, Command command, DateTimeOffset now)
{
    public Decision Run() => throw new NotImplementedException($"{definition} {state.CaseId} {command.Event} {now}");
}
