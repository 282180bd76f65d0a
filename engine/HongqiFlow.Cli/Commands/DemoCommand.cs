using System.CommandLine;
using HongqiFlow.Hosting;
using HongqiFlow.Hosting.Demo;
using HongqiFlow.Server;
using HongqiFlow.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// <c>hongqi demo</c>: fills a fresh store (the same <c>--data</c> or <c>--store</c> as <c>hongqi serve</c>) with
/// demonstration cases over simulated weeks; refuses a store that holds cases unless <c>--force</c>.
/// </summary>
internal static class DemoCommand
{
    internal static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "the folder of the embedded SQLite store; default ./data" };
        var store = new Option<string?>("--store") { Description = "a PostgreSQL connection string instead of the embedded store" };
        var definitions = new Option<string?>("--definitions") { Description = "the catalog folder; default definitions/" };
        var cases = new Option<int>("--cases") { Description = "how many cases", DefaultValueFactory = _ => 300 };
        var weeks = new Option<int>("--weeks") { Description = "over how many weeks before now", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "random seed (same seed, same cases)", DefaultValueFactory = _ => 20_261_126 };
        var force = new Option<bool>("--force") { Description = "add demonstration cases to a store that already holds cases" };
        foreach (var (option, what) in new[] { (cases, "cases"), (weeks, "weeks") })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{option.Name} must be 1 or more {what}; got {result.GetValueOrDefault<int>()}");
                }
            });
        }

        var command = new Command("demo", "fill a fresh store with demonstration cases (never for real cases)");
        foreach (var option in new Option[] { data, store, definitions, cases, weeks, seed, force })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var options = new ServerOptions
            {
                Data = parse.GetValue(data) ?? "data",
                Store = parse.GetValue(store),
                Definitions = parse.GetValue(definitions) ?? "definitions",
            };
            try
            {
                var report = await CliProgress.RunAsync(parse.InvocationConfiguration.Error, async progress =>
                {
                    var services = new ServiceCollection();
                    ServerServices.Add(services, options, progress: progress);
                    await using var provider = services.BuildServiceProvider();
                    await provider.OpenHongqiFlowAsync(ct);
                    var seeder = new DemoSeeder(provider.GetRequiredService<ICaseStore>(), provider.GetRequiredService<DefinitionRegistry>());
                    return await seeder.SeedAsync(new DemoOptions
                    {
                        End = DateTimeOffset.UtcNow,
                        Cases = parse.GetValue(cases),
                        Weeks = parse.GetValue(weeks),
                        Seed = parse.GetValue(seed),
                        Force = parse.GetValue(force),
                    }, progress, ct);
                });
                await parse.InvocationConfiguration.Output.WriteLineAsync("demo: " + report);
                return 0;
            }
            catch (Exception e) when (CliRun.Explain(e, options.Store is { Length: > 0 }) is { } reason)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("demo: " + reason);
                return 1;
            }
        });
        return command;
    }
}
