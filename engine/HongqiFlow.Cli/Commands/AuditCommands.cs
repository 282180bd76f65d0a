using System.CommandLine;
using HongqiFlow.Storage;
using HongqiFlow.Storage.Postgres;
using HongqiFlow.Storage.Sqlite;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// <c>hongqi audit verify</c>: recomputes every case's hash chain and reports the first altered event of each
/// tampered case, then the operations log's SM3 chain (<see cref="OperationsAuditCheck"/>). Exit code 0 when the history is intact, 1 when something was altered, 2 on a usage error.
/// </summary>
internal static class AuditCommands
{
    internal static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "the folder holding the embedded SQLite store (hongqi.db); default ./data" };
        var store = new Option<string?>("--store") { Description = "a PostgreSQL connection string (Host=…;Database=…) instead of the embedded store" };
        var verify = new Command("verify", "check the tamper-evident history of every case and the operations log");
        verify.Options.Add(data);
        verify.Options.Add(store);
        verify.SetAction(async (parse, ct) =>
        {
            try
            {
                return await VerifyAsync(parse.GetValue(data), parse.GetValue(store), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct);
            }
            catch (Exception e) when (CliRun.Explain(e, parse.GetValue(store) is { Length: > 0 }) is { } reason)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("audit verify: " + reason);
                return 2;
            }
        });

        var audit = new Command("audit", "audit the stored case histories");
        audit.Subcommands.Add(verify);
        return audit;
    }

    internal static async Task<int> VerifyAsync(string? dataFolder, string? connectionString, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (dataFolder is not null && connectionString is not null)
        {
            await error.WriteLineAsync("audit verify: give either --data (SQLite folder) or --store (PostgreSQL connection string), not both");
            return 2;
        }

        ICaseStore store;
        string where;
        if (connectionString is not null)
        {
            store = await PostgresCaseStore.OpenAsync(connectionString, cancellationToken: cancellationToken);
            where = "PostgreSQL store";
        }
        else
        {
            var options = SqliteCaseStoreOptions.InFolder(dataFolder ?? "data");
            if (!File.Exists(options.FilePath))
            {
                await error.WriteLineAsync($"audit verify: no store at {Path.GetFullPath(options.FilePath)}; pass --data with the folder that holds hongqi.db");
                return 2;
            }

            store = await SqliteCaseStore.OpenAsync(options, cancellationToken: cancellationToken);
            where = Path.GetFullPath(options.FilePath);
        }

        await using (store)
        {
            var findings = await store.VerifyAuditAsync(cancellationToken);
            if (findings.Count == 0)
            {
                await output.WriteLineAsync($"audit verify: {where}: every case history and stored snapshot is intact");
            }

            foreach (var finding in findings)
            {
                await output.WriteLineAsync($"case {finding.CaseId}: event {finding.Version}: {finding.Reason}");
            }

            if (findings.Count > 0)
            {
                await output.WriteLineAsync($"audit verify: {where}: {findings.Count} case(s) altered");
            }

            var operationsIntact = await OperationsAuditCheck.VerifyAsync(store, where, output, cancellationToken);
            return findings.Count == 0 && operationsIntact ? 0 : 1;
        }
    }
}
