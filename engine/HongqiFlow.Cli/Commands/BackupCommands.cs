using System.CommandLine;
using HongqiFlow.Messages;
using HongqiFlow.Storage;
using HongqiFlow.Storage.Sqlite;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// <c>hongqi backup --data ./data --to FILE</c> copies the embedded store while the server runs (SQLite's online backup)
/// and checks the copy; <c>hongqi restore --from FILE --data DIR</c> checks a backup and puts it into an empty folder.
/// Exit code 0 when done and verified, 1 when the copy is unsound or some case does not verify, 2 on a usage error.
/// PostgreSQL is backed up with its own tools (docs/operations.md, "Backup and restore").
/// </summary>
internal static class BackupCommands
{
    internal static Command CreateBackup()
    {
        var data = new Option<string?>("--data") { Description = "the folder holding the embedded SQLite store (hongqi.db); default ./data" };
        var to = new Option<string>("--to") { Description = "the backup file to write (never overwritten)", Required = true };
        var lang = Lang();
        var command = new Command("backup", "copy the embedded store while the server runs, and verify the copy (integrity and every case's history)");
        command.Options.Add(data);
        command.Options.Add(to);
        command.Options.Add(lang);
        command.SetAction((parse, ct) => Run("backup", parse, () => BackupAsync(parse.GetValue(data) ?? "data", parse.GetValue(to)!, parse.GetValue(lang) == "zh",
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct)));
        return command;
    }

    internal static Command CreateRestore()
    {
        var from = new Option<string>("--from") { Description = "the backup file written by hongqi backup", Required = true };
        var data = new Option<string?>("--data") { Description = "the empty (or new) folder to restore into; default ./data" };
        var lang = Lang();
        var command = new Command("restore", "verify a backup and put it into an empty data folder");
        command.Options.Add(from);
        command.Options.Add(data);
        command.Options.Add(lang);
        command.SetAction((parse, ct) => Run("restore", parse, () => RestoreAsync(parse.GetValue(from)!, parse.GetValue(data) ?? "data", parse.GetValue(lang) == "zh",
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct)));
        return command;
    }

    internal static async Task<int> BackupAsync(string dataFolder, string to, bool chinese, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var store = Path.GetFullPath(Path.Combine(dataFolder, SqliteBackup.FileName));
        if (!File.Exists(store))
        {
            await error.WriteLineAsync(Message.Of("backup.no-store", ("path", store)).Text(chinese));
            return 2;
        }

        var destination = Path.GetFullPath(to);
        if (File.Exists(destination) || Directory.Exists(destination))
        {
            await error.WriteLineAsync(Message.Of("backup.exists", ("file", destination)).Text(chinese));
            return 2;
        }

        var check = await CliProgress.RunAsync(error, progress => SqliteBackup.BackupAsync(store, destination, progress, cancellationToken));
        if (!check.IsSound)
        {
            await error.WriteLineAsync(Message.Of("backup.unsound", ("detail", check.Integrity)).Text(chinese));
            return 1;
        }

        if (await WriteFindingsAsync(check, output))
        {
            await output.WriteLineAsync(Message.Of("backup.altered", ("file", destination), ("count", check.Findings.Count)).Text(chinese));
            return 1;
        }

        await output.WriteLineAsync(Message.Of("backup.done", ("file", destination), ("cases", check.Cases), ("events", check.Events), ("version", check.SchemaVersion)).Text(chinese));
        var key = Path.GetFullPath(Path.Combine(dataFolder, "verification.key"));
        if (File.Exists(key))
        {
            await output.WriteLineAsync(Message.Of("backup.key-reminder", ("key", key)).Text(chinese));
        }

        return 0;
    }

    internal static async Task<int> RestoreAsync(string from, string dataFolder, bool chinese, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var backup = Path.GetFullPath(from);
        if (!File.Exists(backup))
        {
            await error.WriteLineAsync(Message.Of("restore.no-backup", ("file", backup)).Text(chinese));
            return 2;
        }

        var folder = Path.GetFullPath(dataFolder);
        BackupCheck check;
        try
        {
            check = await CliProgress.RunAsync(error, progress => SqliteBackup.RestoreAsync(backup, folder, progress, cancellationToken));
        }
        catch (RestoreTargetNotEmptyException e)
        {
            await error.WriteLineAsync(Message.Of("restore.not-empty", ("folder", e.Folder), ("entries", e.Entries)).Text(chinese));
            return 2;
        }

        if (!check.IsSound)
        {
            await error.WriteLineAsync(Message.Of("restore.unsound", ("file", backup), ("detail", check.Integrity)).Text(chinese));
            return 1;
        }

        if (await WriteFindingsAsync(check, output))
        {
            await output.WriteLineAsync(Message.Of("restore.altered", ("count", check.Findings.Count)).Text(chinese));
            return 1;
        }

        await output.WriteLineAsync(Message.Of("restore.done", ("file", backup), ("store", Path.Combine(folder, SqliteBackup.FileName)), ("cases", check.Cases),
            ("events", check.Events), ("version", check.SchemaVersion), ("folder", folder)).Text(chinese));
        return 0;
    }

    private static Option<string> Lang()
    {
        var lang = new Option<string>("--lang") { Description = "en, or zh for the messages in Simplified Chinese", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "zh");
        return lang;
    }

    /// <summary>One line per case that does not verify, as <c>hongqi audit verify</c> writes them; true when there were any.</summary>
    private static async Task<bool> WriteFindingsAsync(BackupCheck check, TextWriter output)
    {
        foreach (var finding in check.Findings)
        {
            await output.WriteLineAsync($"case {finding.CaseId}: event {finding.Version}: {finding.Reason}");
        }

        return check.Findings.Count > 0;
    }

    private static async Task<int> Run(string name, ParseResult parse, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (CliRun.Explain(e, postgres: false) is { } reason)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync(name + ": " + reason);
            return 1;
        }
    }
}
