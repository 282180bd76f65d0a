namespace HongqiFlow.Runtime;

internal static class Clocks
{
    public static ClockReport Report(CompiledDefinition definition, CaseState state, DateTimeOffset now) => throw new NotImplementedException($"{definition} {state} {now}");
}
