using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using HongqiFlow.Storage;
using HongqiFlow.Storage.Checkpoints;
using HongqiFlow.Storage.Postgres;
using HongqiFlow.Storage.Sqlite;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// <c>hongqi audit verify</c>: recomputes every case's hash chain and reports the first altered event of each
/// tampered case, then the operations log's SM3 chain (<see cref="OperationsAuditCheck"/>), then checks the signed checkpoints (their SM2 signatures with <c>--public-key</c>, and every case
/// against the latest: deleted, rolled back, rewritten, not yet covered). Exit code 0 when the history is intact, 1 when
/// something was altered or is missing, 2 on a usage error.
/// </summary>
internal static class AuditCommands
{
    internal static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "the folder holding the embedded SQLite store (hongqi.db); default ./data" };
        var store = new Option<string?>("--store") { Description = "a PostgreSQL connection string (Host=…;Database=…) instead of the embedded store" };
        var publicKey = new Option<string?>("--public-key") { Description = "the SM2 public key (PEM) that signs the checkpoints; without it their signatures are not checked" };
        var verify = new Command("verify", "check the tamper-evident history of every case, the operations log and the signed checkpoints");
        verify.Options.Add(data);
        verify.Options.Add(store);
        verify.Options.Add(publicKey);
        verify.SetAction(async (parse, ct) =>
        {
            try
            {
                return await VerifyAsync(parse.GetValue(data), parse.GetValue(store), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct, parse.GetValue(publicKey));
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

    internal static async Task<int> VerifyAsync(string? dataFolder, string? connectionString, TextWriter output, TextWriter error, CancellationToken cancellationToken, string? publicKeyFile = null)
    {
        if (dataFolder is not null && connectionString is not null)
        {
            await error.WriteLineAsync("audit verify: give either --data (SQLite folder) or --store (PostgreSQL connection string), not both");
            return 2;
        }

        ICheckpointVerifier? verifier = null;
        if (publicKeyFile is not null)
        {
            try
            {
                verifier = Sm2PublicKeyVerifier.FromFile(publicKeyFile);
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"audit verify: --public-key: {e.Message}");
                return 2;
            }
        }

        var sqlite = SqliteCaseStoreOptions.InFolder(dataFolder ?? "data");
        if (connectionString is null && !File.Exists(sqlite.FilePath))
        {
            await error.WriteLineAsync($"audit verify: no store at {Path.GetFullPath(sqlite.FilePath)}; pass --data with the folder that holds hongqi.db");
            return 2;
        }

        var where = connectionString is null ? Path.GetFullPath(sqlite.FilePath) : "PostgreSQL store";
        var operations = new StringWriter();
        var (findings, checkpoints, operationsIntact) = await CliProgress.RunAsync(error, async progress =>
        {
            await using ICaseStore store = connectionString is not null
                ? await PostgresCaseStore.OpenAsync(connectionString, null, progress, cancellationToken)
                : await SqliteCaseStore.OpenAsync(sqlite, null, progress, cancellationToken);
            var found = await store.VerifyAuditAsync(progress, cancellationToken);
            var report = store is ICheckpointStore checkpointStore ? await checkpointStore.VerifyCheckpointsAsync(verifier, cancellationToken) : null;
            var operationsOk = await OperationsAuditCheck.VerifyAsync(store, where, operations, cancellationToken);
            return (found, report, operationsOk);
        });

        if (findings.Count == 0)
        {
            await output.WriteLineAsync($"audit verify: {where}: every case history and stored snapshot is intact");
        }
        else
        {
            foreach (var finding in findings)
            {
                await output.WriteLineAsync($"case {finding.CaseId}: event {finding.Version}: {finding.Reason}");
            }

            await output.WriteLineAsync($"audit verify: {where}: {findings.Count} case(s) altered");
        }

        await output.WriteAsync(operations.ToString());
        var checkpointsIntact = checkpoints is null || await ReportCheckpointsAsync(checkpoints, verifier is not null, where, output);
        return findings.Count == 0 && operationsIntact && checkpointsIntact ? 0 : 1;
    }

    /// <summary>Prints the checkpoint report (nothing for a store that never had one and no key given); true when nothing is wrong.</summary>
    private static async Task<bool> ReportCheckpointsAsync(CheckpointReport report, bool keyGiven, string where, TextWriter output)
    {
        if (report.Latest is not { } latest)
        {
            foreach (var finding in report.Findings)
            {
                await output.WriteLineAsync($"checkpoints: {finding.Reason}");
            }

            if (keyGiven && report.Findings.Count == 0)
            {
                await output.WriteLineAsync($"audit verify: {where}: no checkpoint has been written yet; {report.Uncovered.Count} case(s) not covered");
            }

            return report.Findings.Count == 0 && !keyGiven;
        }

        foreach (var finding in report.Findings)
        {
            await output.WriteLineAsync(finding.CaseId is { } caseId ? $"case {caseId}: checkpoint: {finding.Reason}" : $"checkpoints: {finding.Reason}");
        }

        var signatures = report.SignaturesChecked ? "signatures checked" : "signatures NOT checked (give --public-key)";
        var uncovered = report.Uncovered.Count == 0
            ? "every case is covered"
            : $"{report.Uncovered.Count} case(s) changed or created since, covered by the next checkpoint: {string.Join(", ", report.Uncovered.Take(10))}{(report.Uncovered.Count > 10 ? ", …" : "")}";
        await output.WriteLineAsync(
            $"audit verify: {where}: checkpoint {latest.Sequence} of {latest.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z ({latest.CaseCount} case(s), root {latest.Root}); " +
            $"{report.Checkpoints} checkpoint(s), {signatures}; {(report.Findings.Count == 0 ? "nothing missing" : $"{report.Findings.Count} finding(s)")}; {uncovered}");
        return report.Findings.Count == 0;
    }
}
