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

    /// <summary>What went wrong in one line, for the errors a wrong option or an unreachable store cause (serve, demo, audit); null for the rest.</summary>
    internal static string? Explain(Exception e, bool postgres) => e switch
    {
        Storage.StoreSchemaTooNewException => e.Message,
        Microsoft.Data.Sqlite.SqliteException => $"SQLite: {e.Message}",
        FormatException when e.Message.StartsWith("Invalid url", StringComparison.Ordinal) =>
            $"--urls: {e.Message} (write e.g. http://127.0.0.1:5080; several separated by ';')",
        ArgumentOutOfRangeException => e.Message,
        ArgumentException when postgres =>
            $"--store is not a PostgreSQL connection string: {e.Message} (write e.g. Host=127.0.0.1;Port=5432;Database=hongqi;Username=hongqi;Password=…)",
        System.Data.Common.DbException when postgres => $"cannot use the PostgreSQL store: {e.Message}",
        UnauthorizedAccessException => $"{e.Message} (check the folder's permissions)",
        DirectoryNotFoundException or FileNotFoundException or InvalidOperationException or IOException => e.Message,
        Storage.PersonalData.PersonalDataKeyException => e.Message,
        _ when e.InnerException is { } inner => Explain(inner, postgres),
        _ => null,
    };
}
