using System.CommandLine;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Cli.Commands;

/// <summary>Runs a command's work so that the user sees a clear message and an exit code, never a stack trace.</summary>
internal static class CliRun
{
    public static int Run(ParseResult parse, Action<TextWriter> action) => Run(parse, output =>
    {
        action(output);
        return 0;
    });

    public static int Run(ParseResult parse, Func<TextWriter, int> action)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return action(output);
        }
        catch (DefinitionException e)
        {
            foreach (var diagnostic in e.Diagnostics)
            {
                error.WriteLine(diagnostic.ToString());
            }

            return 1;
        }
        catch (Exception e) when (e is HongqiFlowException or ArgumentException or FormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine("error: " + e.Message);
            return 1;
        }
    }
}
