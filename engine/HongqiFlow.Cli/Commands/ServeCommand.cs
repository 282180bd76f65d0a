using System.CommandLine;
using HongqiFlow.Server;
using HongqiFlow.Server.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// <c>hongqi serve</c>: the HTTP API (and the web app when built) on the embedded SQLite store, or on PostgreSQL with
/// <c>--store</c>, with the catalog folder loaded. Options become configuration keys (<c>Hongqi:Data</c> …), so the
/// same settings can come from appsettings.json or environment variables (<c>Hongqi__Data</c>).
/// </summary>
internal static class ServeCommand
{
    internal static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "where to listen, e.g. http://127.0.0.1:5080 (default http://localhost:5000)" };
        var data = new Option<string?>("--data") { Description = "the folder of the embedded SQLite store; default ./data" };
        var store = new Option<string?>("--store") { Description = "a PostgreSQL connection string instead of the embedded store" };
        var definitions = new Option<string?>("--definitions") { Description = "the catalog folder (organization.yaml, calendars/, items); default definitions/" };
        var web = new Option<string?>("--web") { Description = "the built web app folder; default designer/dist in the checkout or wwwroot next to the binary" };
        var demo = new Option<bool>("--demo") { Description = "before listening, fill an empty store with a few hundred demonstration cases over 8 simulated weeks (never for real cases)" };
        var command = new Command("serve", "start the HTTP API and the web app");
        command.Options.Add(urls);
        command.Options.Add(data);
        command.Options.Add(store);
        command.Options.Add(definitions);
        command.Options.Add(web);
        command.Options.Add(demo);
        command.SetAction(async (parse, ct) =>
        {
            var args = Arguments(parse.GetValue(urls), parse.GetValue(data), parse.GetValue(store), parse.GetValue(definitions), parse.GetValue(web), parse.GetValue(demo));
            try
            {
                await using var app = ServerHost.Build(args);
                await DemoData.SeedIfAskedAsync(app, ct);
                await app.StartAsync(ct);
                await app.WaitForShutdownAsync(ct);
                return 0;
            }
            catch (Exception e) when (Settings(e) is { } problems)
            {
                // A setting the server cannot run with: each problem names it; 78 (EX_CONFIG) lets systemd stop restarting.
                foreach (var problem in problems)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync("serve: invalid setting: " + problem);
                }

                return InvalidSettingsException.ExitCode;
            }
            catch (Exception e) when (CliRun.Explain(e, parse.GetValue(store) is { Length: > 0 }) is { } reason)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("serve: " + reason);
                return 1;
            }
        });
        return command;
    }

    /// <summary>The problems of an invalid configuration (also when the host's ValidateOnStart found them), else null.</summary>
    internal static IReadOnlyList<string>? Settings(Exception e) => e switch
    {
        InvalidSettingsException invalid => invalid.Problems,
        OptionsValidationException validation => [.. validation.Failures],
        { InnerException: { } inner } => Settings(inner),
        _ => null,
    };

    internal static string[] Arguments(string? urls, string? data, string? store, string? definitions, string? web, bool demo)
    {
        var args = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                args.Add($"--{key}={value}");
            }
        }

        Add("urls", urls);
        Add("Hongqi:Data", data);
        Add("Hongqi:Store", store);
        Add("Hongqi:Definitions", definitions);
        Add("Hongqi:Web", web);
        if (demo)
        {
            Add("Hongqi:Demo", "true");
        }

        return [.. args];
    }
}
