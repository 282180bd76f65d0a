using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HongqiFlow.Hosting;
using Actor = HongqiFlow.Runtime.Actor;
using Command = System.CommandLine.Command;
using HongqiFlow.Storage;
using HongqiFlow.Storage.Postgres;
using HongqiFlow.Storage.Sqlite;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// <c>hongqi migrate plan --from CODE@1 --to CODE@2 [--mapping FILE] [--out plan.json]</c> and
/// <c>hongqi migrate execute --plan plan.json [--cases id,…] [--user id]</c>, against the data folder (or
/// <c>--store</c>) and the catalog like <c>serve</c>. Plan writes nothing; execute moves the planned cases that can move
/// (or the ones named), each in one transaction, and can be run again to resume. Exit code 0 when every chosen case
/// moved (or had moved), 1 when some were refused, 2 on a usage error.
/// </summary>
internal static class MigrateCommands
{
    internal static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "the folder of the embedded SQLite store (hongqi.db); default ./data" };
        var store = new Option<string?>("--store") { Description = "a PostgreSQL connection string instead of the embedded store" };
        var definitions = new Option<string?>("--definitions") { Description = "the catalog folder (organization.yaml, calendars/, items); default definitions/" };
        var from = new Option<string>("--from") { Description = "the version the cases run on, CODE@N", Required = true };
        var to = new Option<string>("--to") { Description = "the version to move them to, CODE@N", Required = true };
        var mapping = new Option<string?>("--mapping") { Description = "a file of 'old-state: new-state' lines for states whose names differ" };
        var output = new Option<string?>("--out") { Description = "write the plan as JSON to this file (for migrate execute)" };
        var plan = new Command("plan", "show where every running case would stand on the new version; nothing is written");
        foreach (var o in new Option[] { data, store, definitions, from, to, mapping, output })
        {
            plan.Options.Add(o);
        }

        plan.SetAction((parse, ct) => Run("plan", parse, store, () => PlanAsync(parse.GetValue(data), parse.GetValue(store), parse.GetValue(definitions),
            parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(mapping), parse.GetValue(output), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct)));

        var planFile = new Option<string>("--plan") { Description = "the plan written by migrate plan --out", Required = true };
        var cases = new Option<string?>("--cases") { Description = "comma-separated case ids to move (default: every planned case that can move)" };
        var user = new Option<string?>("--user") { Description = "who executes, recorded in each case's history; default the operating-system user" };
        var execute = new Command("execute", "move the planned cases, each in one transaction; run again to resume an interrupted batch");
        foreach (var o in new Option[] { data, store, definitions, planFile, cases, user })
        {
            execute.Options.Add(o);
        }

        execute.SetAction((parse, ct) => Run("execute", parse, store, () => ExecuteAsync(parse.GetValue(data), parse.GetValue(store), parse.GetValue(definitions),
            parse.GetValue(planFile)!, parse.GetValue(cases), parse.GetValue(user), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct)));

        var migrate = new Command("migrate", "move running cases to another version of their definition");
        migrate.Subcommands.Add(plan);
        migrate.Subcommands.Add(execute);
        return migrate;
    }

    private static async Task<int> Run(string name, ParseResult parse, Option<string?> store, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (MigrationMappingException e)
        {
            foreach (var error in e.Errors)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"migrate {name}: {error}");
            }

            return 2;
        }
        catch (Exception e) when (e is DefinitionNotFoundException or JsonException or UsageException)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"migrate {name}: {e.Message}");
            return 2;
        }
        catch (Exception e) when (CliRun.Explain(e, parse.GetValue(store) is { Length: > 0 }) is { } reason)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"migrate {name}: {reason}");
            return 2;
        }
    }

    internal static async Task<int> PlanAsync(string? dataFolder, string? connectionString, string? catalog, string from, string to, string? mappingFile, string? outFile, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var (code, fromVersion) = Reference("--from", from);
        var (toCode, toVersion) = Reference("--to", to);
        if (toCode != code)
        {
            throw new UsageException($"--to names {toCode}, --from names {code}: a case moves between versions of its own item");
        }

        var mapping = mappingFile is null ? StateMappingFile.Empty
            : File.Exists(mappingFile) ? StateMappingFile.Parse(await File.ReadAllTextAsync(mappingFile, ct), mappingFile)
            : throw new UsageException($"--mapping: no file {Path.GetFullPath(mappingFile)}");
        await using var host = await Host.OpenAsync(dataFolder, connectionString, catalog, ct);
        var plan = await host.Migrator.PlanAsync(code, fromVersion, toVersion, mapping, Actor.System, ct);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"migrate plan: {code} {fromVersion} → {toVersion}: {plan.Cases.Count} running case(s): {plan.Clean} move cleanly, {plan.WithConsequences} move with consequences, {plan.CannotMove} cannot move"));
        foreach (var c in plan.Cases)
        {
            await output.WriteLineAsync($"  {c.CaseId} [{c.Class}] {string.Join(", ", c.RegionsBefore)}{(c.RegionsAfter.Count > 0 ? " → " + string.Join(", ", c.RegionsAfter) : string.Empty)}");
            foreach (var consequence in c.Consequences)
            {
                await output.WriteLineAsync($"    - {consequence.Text}");
            }

            if (c.Reason is not null)
            {
                await output.WriteLineAsync($"    ! {c.Reason}");
            }
        }

        if (outFile is not null)
        {
            await File.WriteAllTextAsync(outFile, MigrationJson.Serialize(plan), ct);
            await output.WriteLineAsync($"migrate plan: written to {Path.GetFullPath(outFile)}; move the cases with: hongqi migrate execute --plan {outFile}");
        }

        _ = error;
        return 0;
    }

    internal static async Task<int> ExecuteAsync(string? dataFolder, string? connectionString, string? catalog, string planFile, string? caseList, string? user, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!File.Exists(planFile))
        {
            throw new UsageException($"--plan: no file {Path.GetFullPath(planFile)}; write one with migrate plan --out");
        }

        var plan = MigrationJson.DeserializePlan(await File.ReadAllTextAsync(planFile, ct));
        var chosen = plan.Cases.Where(c => c.Class != PlannedCase.CannotMoveClass).ToList();
        if (caseList is not null)
        {
            var ids = caseList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = ids.Where(id => plan.Cases.All(c => c.CaseId != id)).ToList();
            if (unknown.Count > 0)
            {
                throw new UsageException($"--cases: not in the plan: {string.Join(", ", unknown)}");
            }

            chosen = [.. plan.Cases.Where(c => ids.Contains(c.CaseId))];
        }

        await using var host = await Host.OpenAsync(dataFolder, connectionString, catalog, ct);
        var actor = Actor.Supervisor(user ?? Environment.UserName);
        var mapping = StateMappingFile.FromPairs(plan.Mapping, planFile + "#/mapping");
        // Each case is printed once it is committed: after an interruption the lines printed name cases that moved. The
        // count and the time left go to standard error (a bar on a terminal, periodic lines elsewhere).
        var run = await CliProgress.RunAsync(error, async progress =>
        {
            using var counter = progress.Start("migrate execute", chosen.Count, "cases");
            return await host.Migrator.ExecuteAsync(plan.Code, plan.From, plan.To, mapping, [.. chosen.Select(c => new MigrationSelection(c.CaseId, c.Version))], actor,
                c =>
                {
                    output.WriteLine($"  {c.CaseId}: {c.Result}{(c.Reason is null ? string.Empty : ": " + c.Reason)}");
                    output.Flush();
                    counter.Advance();
                }, ct);
        });

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"migrate execute: {plan.Code} {plan.From} → {plan.To}: {run.Migrated} moved, {run.Refused} refused"));
        return run.Refused == 0 ? 0 : 1;
    }

    private static (string Code, int Version) Reference(string option, string value) =>
        DefinitionIds.TryParse(value, out var code, out var version) && code.Length > 0 && version > 0
            ? (code, version)
            : throw new UsageException($"{option}: '{value}' is not CODE@VERSION (e.g. QYKB-0001@1)");

    private sealed class UsageException(string message) : Exception(message);

    /// <summary>The store and the definitions, opened as <c>serve</c> opens them.</summary>
    private sealed class Host(ICaseStore store, DefinitionRegistry registry) : IAsyncDisposable
    {
        public CaseMigrator Migrator { get; } = new(store, registry, TimeProvider.System);

        public static async Task<Host> OpenAsync(string? dataFolder, string? connectionString, string? catalog, CancellationToken ct)
        {
            if (dataFolder is not null && connectionString is not null)
            {
                throw new UsageException("give either --data (SQLite folder) or --store (PostgreSQL connection string), not both");
            }

            ICaseStore store;
            if (connectionString is not null)
            {
                store = await PostgresCaseStore.OpenAsync(connectionString, cancellationToken: ct);
            }
            else
            {
                var options = SqliteCaseStoreOptions.InFolder(dataFolder ?? "data");
                if (!File.Exists(options.FilePath))
                {
                    throw new UsageException($"no store at {Path.GetFullPath(options.FilePath)}; pass --data with the folder that holds hongqi.db");
                }

                store = await SqliteCaseStore.OpenAsync(options, cancellationToken: ct);
            }

            var registry = await DefinitionRegistry.OpenAsync((IDefinitionStore)store, catalog ?? "definitions", TimeProvider.System, ct);
            return new Host(store, registry);
        }

        public async ValueTask DisposeAsync()
        {
            registry.Dispose();
            await store.DisposeAsync();
        }
    }
}
