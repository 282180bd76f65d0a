using HongqiFlow.Cli;

namespace HongqiFlow.Tests.Cli;

/// <summary>Runs the <c>hongqi</c> command in-process and captures what it prints; paths are given absolute.</summary>
internal static class Hongqi
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = HongqiCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
