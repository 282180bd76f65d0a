using System.CommandLine;
using System.Globalization;
using HongqiFlow.Messages;
using HongqiFlow.Samples;

namespace HongqiFlow.Cli.Commands;

/// <summary><c>hongqi test [PATH...]</c>: runs samples like a test runner, one line each, a diff on failure, and <c>N passed, N failed</c>.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Sample files or folders (default: samples/)", Arity = ArgumentArity.ZeroOrMore };
        var definitions = new Option<string?>("--definitions") { Description = "The catalog folder (default: the nearest definitions/ above each sample)" };
        var lang = new Option<string>("--lang") { Description = "en, or zh for the problems and failed expectations in Simplified Chinese", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "zh");
        var command = new Command("test", "Run sample cases against their definitions on a virtual clock") { paths, definitions, lang };
        command.SetAction(parse => CliRun.Run(parse, output =>
        {
            var given = parse.GetValue(paths);
            var files = SampleSuite.Files(given is { Length: > 0 } ? given : ["samples"]);
            using var suite = new SampleSuite(parse.GetValue(definitions));
            var chinese = parse.GetValue(lang) == "zh";
            int passed = 0, failed = 0;
            for (var i = 0; i < files.Count; i++)
            {
                var result = suite.Run(files[i]);
                var progress = files.Count > 20 ? $"[{i + 1}/{files.Count}] " : string.Empty;
                var name = result.Outcome?.Sample.Name ?? Path.GetFileName(files[i]);
                var ms = result.Outcome is { } o ? string.Create(CultureInfo.InvariantCulture, $" ({o.Duration.TotalMilliseconds:0} ms)") : string.Empty;
                if (result.Passed)
                {
                    passed++;
                    output.WriteLine($"{progress}PASS {files[i]}  {name}{ms}");
                    continue;
                }

                failed++;
                output.WriteLine($"{progress}FAIL {files[i]}  {name}{ms}");
                foreach (var diagnostic in result.Diagnostics)
                {
                    output.WriteLine("  " + diagnostic.ToText(chinese));
                }

                foreach (var failure in result.Outcome?.Failures ?? [])
                {
                    output.WriteLine("  " + failure.ToText(chinese).Replace("\n", "\n  ", StringComparison.Ordinal));
                }
            }

            output.WriteLine(Message.Of("cli.test-summary", ("passed", passed), ("failed", failed)).Text(chinese));
            return failed > 0 || files.Count == 0 ? 1 : 0;
        }));
        return command;
    }
}
