using System.CommandLine;

namespace HongqiFlow.Cli;

/// <summary>The root of the <c>hongqi</c> command; each sub-command lives in its own file.</summary>
internal static class HongqiCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("HongqiFlow: government service items as YAML, run as state machines");
        root.Subcommands.Add(Commands.ValidateCommand.Create());
        root.Subcommands.Add(SchemaCommand.Create());
        root.Subcommands.Add(Commands.GraphCommand.Create());
        root.Subcommands.Add(Commands.TestCommand.Create());
        root.Subcommands.Add(Commands.RunCommand.Create());
        root.Subcommands.Add(Commands.CalendarCommands.Create());
        root.Subcommands.Add(Commands.AuditCommands.Create());
        root.Subcommands.Add(Commands.KeysCommand.Create());
        root.Subcommands.Add(Commands.BackupCommands.CreateBackup());
        root.Subcommands.Add(Commands.BackupCommands.CreateRestore());
        root.Subcommands.Add(Commands.MigrateCommands.Create());
        root.Subcommands.Add(Commands.ServeCommand.Create());
        root.Subcommands.Add(Commands.TokenCommand.Create());
        root.Subcommands.Add(Commands.DemoCommand.Create());
        root.Subcommands.Add(Commands.ChecksumCommand.Create());
        root.Subcommands.Add(Commands.ConfigCommands.Create());
        return root;
    }

    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration();
        if (output is not null)
        {
            configuration.Output = output;
        }

        if (error is not null)
        {
            configuration.Error = error;
        }

        return Create().Parse(args).Invoke(configuration);
    }
}
