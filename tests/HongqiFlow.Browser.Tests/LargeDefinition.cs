using System.Text;

namespace HongqiFlow.Browser.Tests;

/// <summary>A valid definition with a long chain of states, for the large-diagram test.</summary>
public static class LargeDefinition
{
    public static string Yaml(int states, string code = "LARGE-0300", string name = "三百个状态")
    {
        var sb = new StringBuilder();
        sb.Append($"hongqiflow: 1\nitem:\n  code: {code}\n  name: {name}\n  lead: market-regulation\n  timeLimit: {{ statutory: 20wd, promised: 10wd }}\nstates:\n");
        for (var i = 1; i <= states - 1; i++)
        {
            var next = i == states - 1 ? "done" : $"step-{i + 1}";
            sb.Append($"  step-{i}: {{ title: 第{i}步{(i == 1 ? ", initial: true" : string.Empty)}, on: {{ next: {next}, back: step-{Math.Max(1, i - 1)} }} }}\n");
        }

        sb.Append("  done: { title: 办结, final: true, outcome: approved }\n");
        return sb.ToString();
    }
}
