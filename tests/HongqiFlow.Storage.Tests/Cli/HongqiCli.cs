using System.CommandLine;
using HongqiFlow.Cli;

namespace HongqiFlow.Storage.Tests.Cli;

/// <summary>Runs the whole <c>hongqi</c> command line in-process, as an operator types it.</summary>
internal static class HongqiCli
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HongqiCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
