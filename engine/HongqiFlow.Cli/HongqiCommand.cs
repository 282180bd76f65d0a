using System.CommandLine;

namespace HongqiFlow.Cli;

/// <summary>The root of the <c>hongqi</c> command; each sub-command lives in its own file.</summary>
internal static class HongqiCommand
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("HongqiFlow: government service items as YAML, run as state machines");
        root.Subcommands.Add(SchemaCommand.Create());
        return root.Parse(args).Invoke();
    }
}
