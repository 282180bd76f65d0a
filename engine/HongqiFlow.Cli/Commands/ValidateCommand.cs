using System.CommandLine;
using System.Text.Json;
using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Diagnostics;
using HongqiFlow.Messages;

namespace HongqiFlow.Cli.Commands;

/// <summary><c>hongqi validate PATH...</c>: compiler-style diagnostics for every item file, or JSON; exit 1 on errors.</summary>
internal static class ValidateCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Item files or folders (folders are searched for *.yaml, except organization.yaml and calendars/)", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "text (compiler style) or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var strict = new Option<bool>("--warnings-as-errors") { Description = "Exit 1 on warnings too" };
        var lang = new Option<string>("--lang") { Description = "en, or zh for the messages in Simplified Chinese (text format)", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "zh");
        var catalog = new Option<string?>("--catalog")
        {
            Description = "The catalog folder (its organization.yaml and calendars/) to check the files against; default: the nearest one at or above each file, or definitions/ beside it",
        };
        var command = new Command("validate", "Check service-item definitions: structure (JSON Schema) and semantic rules, every problem located")
        {
            paths,
            format,
            strict,
            lang,
            catalog,
        };
        command.SetAction(parse => CliRun.Run(parse, output =>
        {
            var checker = new DefinitionChecker();
            var chosen = parse.GetValue(catalog) is { } folder ? CatalogOption.Root(folder) : null;
            var environments = new Dictionary<string, DefinitionEnvironment>(StringComparer.Ordinal);
            var results = new List<CheckedDefinition>();
            var roots = new List<string>();
            var environmentDiagnostics = new List<Diagnostic>();
            foreach (var file in DefinitionChecker.ItemFiles(parse.GetValue(paths)!))
            {
                var root = chosen ?? DefinitionEnvironment.FindRoot(Path.GetDirectoryName(Path.GetFullPath(file))) ?? string.Empty;
                if (!environments.TryGetValue(root, out var environment))
                {
                    environment = root.Length == 0 ? DefinitionEnvironment.Empty : DefinitionEnvironment.Load(root);
                    environments[root] = environment;
                    environmentDiagnostics.AddRange(environment.Diagnostics);
                }

                var result = checker.CheckFile(file, environment);
                results.Add(root.Length == 0 ? CatalogOption.WithoutDirectoryChecks(result) : result);
                roots.Add(root);
            }

            var all = environmentDiagnostics.Concat(results.SelectMany(r => r.Diagnostics)).ToList();
            var errors = all.Count(d => d.Severity == Severity.Error);
            var warnings = all.Count(d => d.Severity == Severity.Warning);
            if (parse.GetValue(format) == "json")
            {
                var doc = new
                {
                    files = results.Select((r, i) => new
                    {
                        file = r.File,
                        valid = !r.HasErrors,
                        code = r.Model?.Item.Code,
                        name = r.Model?.Item.Name,
                        organization = roots[i].Length == 0 ? null : Path.Combine(roots[i], DefinitionEnvironment.OrganizationFileName),
                    }),
                    diagnostics = all.Select(d => new
                    {
                        code = d.Code,
                        severity = d.Severity.ToString().ToLowerInvariant(),
                        message = d.Message,
                        fix = d.Fix,
                        messageZh = d.MessageZh,
                        fixZh = d.FixZh,
                        file = d.Location.File,
                        line = d.Location.Line,
                        column = d.Location.Column,
                        path = d.Location.Path,
                    }),
                    errors,
                    warnings,
                };
                output.WriteLine(JsonSerializer.Serialize(doc, Json));
            }
            else
            {
                var chinese = parse.GetValue(lang) == "zh";
                foreach (var root in roots.Distinct(StringComparer.Ordinal))
                {
                    output.WriteLine(root.Length == 0
                        ? CatalogOption.NoneFound([.. results.Where((_, i) => roots[i].Length == 0).Select(r => r.File)], chinese)
                        : CatalogOption.Describe(root, environments[root], chinese));
                }

                foreach (var diagnostic in all)
                {
                    output.WriteLine(diagnostic.ToText(chinese));
                }

                output.WriteLine(Message.Of("cli.validate-summary", ("files", results.Count), ("errors", errors), ("warnings", warnings)).Text(chinese));
            }

            return errors > 0 || (parse.GetValue(strict) && warnings > 0) ? 1 : 0;
        }));
        return command;
    }
}
