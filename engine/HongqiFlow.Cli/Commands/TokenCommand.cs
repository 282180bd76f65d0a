using System.CommandLine;
using HongqiFlow.Server.Security;
using Microsoft.Extensions.Configuration;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// <c>hongqi token --role window</c>: prints a development bearer token signed with <c>Hongqi:Jwt:Key</c> (environment
/// variable <c>Hongqi__Jwt__Key</c>), or with the public development key when none is set, which it says on stderr.
/// </summary>
internal static class TokenCommand
{
    internal static Command Create()
    {
        var role = new Option<string[]>("--role") { Description = "author, window, department, supervisor, admin (system administrator), security-admin or auditor (repeatable; at most one of the last three)", Required = true, AllowMultipleArgumentsPerToken = true };
        var department = new Option<string?>("--department") { Description = "the department id for --role department (e.g. tax)" };
        var user = new Option<string?>("--user") { Description = "the user id; default dev-<role>" };
        var hours = new Option<double>("--hours") { Description = "lifetime in hours; default 8", DefaultValueFactory = _ => 8 };
        var position = new Option<string[]>("--position") { Description = "a position (岗位) the person holds in the department, e.g. handler, reviewer, leader (repeatable)", AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--name") { Description = "the person's display name, e.g. 张伟" };
        var command = new Command("token", "mint a development bearer token");
        command.Options.Add(role);
        command.Options.Add(department);
        command.Options.Add(user);
        command.Options.Add(hours);
        command.Options.Add(position);
        command.Options.Add(name);
        command.SetAction(parse => CliRun.Run(parse, output =>
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var settings = JwtSettings.From(configuration);
            if (settings.IsDevelopmentKey)
            {
                parse.InvocationConfiguration.Error.WriteLine($"warning: {JwtSettings.KeySetting} is not set; the token is signed with the public development key");
            }

            var roles = Roles(parse.GetValue(role) ?? [], parse.GetValue(department));
            var userId = parse.GetValue(user) ?? "dev-" + roles[0].Replace(':', '-');
            var positions = (parse.GetValue(position) ?? []).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (positions.Count > 0 && !roles.Any(r => r.StartsWith(Server.Security.Roles.DepartmentPrefix, StringComparison.Ordinal)))
            {
                throw new ArgumentException("--position needs a department role (--role department --department <id>): a position belongs to a department");
            }

            output.WriteLine(TokenIssuer.Mint(settings, userId, roles, DateTimeOffset.UtcNow, TimeSpan.FromHours(parse.GetValue(hours)), parse.GetValue(name), positions));
        }));
        return command;
    }

    /// <summary><c>--role department --department tax</c> and <c>--role department:tax</c> mean the same.</summary>
    internal static IReadOnlyList<string> Roles(IEnumerable<string> roles, string? department)
    {
        var result = new List<string>();
        foreach (var role in roles.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (role == "department")
            {
                if (string.IsNullOrWhiteSpace(department))
                {
                    throw new ArgumentException("--role department needs --department <id> (e.g. --department tax)");
                }

                result.Add(Server.Security.Roles.Department(department));
            }
            else
            {
                result.Add(role);
            }
        }

        return result;
    }
}
