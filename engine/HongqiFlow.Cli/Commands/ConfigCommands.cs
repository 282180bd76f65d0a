using System.CommandLine;
using HongqiFlow.Server;
using HongqiFlow.Server.Configuration;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Logging;
using HongqiFlow.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// <c>hongqi config check</c>: reads the configuration exactly as <c>hongqi serve</c> would (appsettings.json in the
/// working folder, appsettings.&lt;environment&gt;.json, environment variables, the same options), prints every setting
/// in effect with its source, secrets masked, names settings nobody reads, and checks the values. Exit 0 when the
/// server would start with them, <see cref="InvalidSettingsException.ExitCode"/> (78) when not.
/// </summary>
internal static class ConfigCommands
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "as for serve" };
        var data = new Option<string?>("--data") { Description = "as for serve" };
        var store = new Option<string?>("--store") { Description = "as for serve" };
        var definitions = new Option<string?>("--definitions") { Description = "as for serve" };
        var web = new Option<string?>("--web") { Description = "as for serve" };
        var check = new Command("check", "print the configuration hongqi serve would run with (secrets masked, with each value's source) and check it; exit 78 when it is invalid")
        {
            urls, data, store, definitions, web,
        };
        check.SetAction(parse =>
        {
            var args = ServeCommand.Arguments(parse.GetValue(urls), parse.GetValue(data), parse.GetValue(store), parse.GetValue(definitions), parse.GetValue(web), demo: false);
            return Check(args, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        var command = new Command("config", "the server's configuration (docs/operations.md lists every setting)");
        command.Subcommands.Add(check);
        return command;
    }

    internal static int Check(string[] args, TextWriter output, TextWriter error)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        var configuration = builder.Configuration;
        var settings = SettingsReference.Effective(configuration);
        var width = settings.Max(s => s.Key.Length) + 2;
        var valueWidth = Math.Min(48, settings.Max(s => s.Value.Length) + 2);
        output.WriteLine($"Configuration of hongqi serve (environment {builder.Environment.EnvironmentName}; secrets masked):");
        foreach (var setting in settings)
        {
            output.WriteLine($"  {setting.Key.PadRight(width)}{setting.Value.PadRight(valueWidth)} [{setting.Source}]");
        }

        foreach (var unknown in SettingsReference.Unknown(configuration))
        {
            output.WriteLine($"warning: {unknown.Key} (from {unknown.Source}) is not a setting the server reads; check its spelling against docs/operations.md");
        }

        var problems = Problems(builder);
        foreach (var problem in problems)
        {
            error.WriteLine("config check: " + problem);
        }

        if (problems.Count > 0)
        {
            error.WriteLine($"config check: {problems.Count} invalid setting(s); hongqi serve would not start");
            return InvalidSettingsException.ExitCode;
        }

        output.WriteLine("config check: the configuration is valid");
        return 0;
    }

    /// <summary>What serve would refuse at start, without opening the store or writing anything.</summary>
    private static List<string> Problems(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var problems = new List<string>();
        void Try(Action check)
        {
            try
            {
                check();
            }
            catch (InvalidSettingsException e)
            {
                problems.AddRange(e.Problems);
            }
            catch (InvalidOperationException e)
            {
                problems.Add(e.Message);
            }
        }

        Try(() => ServerSettings.Load(configuration));
        Try(() =>
        {
            if (ServerSettings.Bind<ConsoleLogOptions>(configuration, ConsoleLogOptions.Section).Problem() is { } problem)
            {
                throw new InvalidSettingsException(problem);
            }
        });
        Try(() => TelemetrySetup.From(configuration));
        Try(() =>
        {
            var jwt = JwtSettings.From(configuration);
            if (jwt.IsDevelopmentKey && !string.IsNullOrWhiteSpace(configuration[JwtSettings.KeySetting]) && !builder.Environment.IsDevelopment())
            {
                throw new InvalidOperationException($"{JwtSettings.KeySetting} is the public development key; set a secret key of at least 32 bytes");
            }

            if (configuration[VerificationSecret.KeySetting] is { Length: > 0 } key)
            {
                if (System.Text.Encoding.UTF8.GetByteCount(key) < 32)
                {
                    throw new InvalidOperationException($"{VerificationSecret.KeySetting} must be at least 32 bytes long (HMAC-SHA256)");
                }

                if (key == jwt.Key)
                {
                    throw new InvalidOperationException($"{VerificationSecret.KeySetting} must differ from {JwtSettings.KeySetting}");
                }
            }

            if (configuration.GetValue<bool>(VerificationSecret.LegacySetting) && jwt.IsDevelopmentKey)
            {
                throw new InvalidOperationException($"{VerificationSecret.LegacySetting} is set, but the signing key is the public development key");
            }
        });
        return problems;
    }
}
