namespace HongqiFlow.Cli;

internal static class Program
{
    public static int Main(string[] args) => HongqiCommand.Run(args);
}
