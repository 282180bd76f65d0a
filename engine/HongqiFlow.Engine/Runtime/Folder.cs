namespace HongqiFlow.Runtime;

internal static class Folder
{
    public static CaseState Apply(CompiledDefinition definition, CaseState state, CaseEvent e) => throw new NotImplementedException($"{definition} {state} {e}");
}
