using HongqiFlow.Definitions.Parsing;
using HongqiFlow.Definitions.Validation;
using HongqiFlow.Diagnostics;
using HongqiFlow.Expressions;

namespace HongqiFlow.Definitions.Catalog;

/// <summary>
/// Reads and validates item files and texts: the schema pass, then (when the structure read cleanly) the semantic
/// pass with guards checked. One path for the CLI, the server and the tests.
/// </summary>
public sealed class DefinitionChecker
{
    private readonly DefinitionReader _reader;
    private readonly DefinitionValidator _validator = new();
    private readonly GuardCompiler _guards;

    public DefinitionChecker(DefinitionReader? reader = null, GuardCompiler? guards = null)
    {
        _reader = reader ?? new DefinitionReader();
        _guards = guards ?? new GuardCompiler();
    }

    public CheckedDefinition CheckFile(string path, DefinitionEnvironment? environment = null)
    {
        environment ??= DefinitionEnvironment.ForFile(path, _reader);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            return new CheckedDefinition(path, string.Empty, null, [Diagnostic.Of(ParseCodes.FileUnreadable, Severity.Error, $"the file cannot be read: {ex.Message}", new SourceLocation(path, 0, 0, "/"), $"check the path and its permissions")]);
        }

        return CheckText(text, path, environment);
    }

    public CheckedDefinition CheckText(string text, string file, DefinitionEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var parsed = _reader.ReadItem(text, file);
        var bag = new DiagnosticBag();
        bag.AddRange(parsed.Diagnostics);
        if (!parsed.HasErrors && parsed.Model is not null)
        {
            var context = environment.ValidationContext(_guards).WithSourceMap(parsed.SourceMap);
            bag.AddRange(_validator.Validate(parsed.Model, context));
        }

        return new CheckedDefinition(file, text, parsed.Model, bag.Sorted());
    }

    /// <summary>
    /// The item files named by files and folders: every *.yaml / *.yml under a folder except organization.yaml, calendar
    /// files and files of the folders that hold samples or fixtures of other kinds. Sorted for stable output.
    /// </summary>
    public static IReadOnlyList<string> ItemFiles(IEnumerable<string> paths) => YamlFiles.Find(paths, f =>
        !string.Equals(Path.GetFileName(f), DefinitionEnvironment.OrganizationFileName, StringComparison.OrdinalIgnoreCase)
        && !IsUnder(f, DefinitionEnvironment.CalendarsFolderName)
        && !f.EndsWith(".layout.yaml", StringComparison.OrdinalIgnoreCase));

    private static bool IsUnder(string file, string folderName) =>
        Path.GetDirectoryName(file)!.Split(Path.DirectorySeparatorChar).Contains(folderName, StringComparer.Ordinal);
}
