namespace HongqiFlow.Tests.Parsing;

/// <summary>Small definitions the parsing tests change one thing in.</summary>
internal static class Yaml
{
    /// <summary>A valid item in five lines: line 4 holds state a, line 5 state b.</summary>
    public const string Minimal = """
        hongqiflow: 1
        item: { code: T-1, name: 测试, lead: tax }
        states:
          a: { initial: true, on: { go: b } }
          b: { final: true }

        """;
}
