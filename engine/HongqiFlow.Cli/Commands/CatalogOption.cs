using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Definitions.Validation;
using HongqiFlow.Messages;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// The organization (<c>organization.yaml</c>) and calendars a file is validated against: the catalog given with
/// <c>--catalog</c>, or the one found at or above the file. Without one, the names only a directory can know are not
/// checked rather than all reported unknown, and the output says how to give one.
/// </summary>
internal static class CatalogOption
{
    // Names that can only be checked against organization.yaml: departments, data sources and shared templates.
    private static readonly HashSet<string> DirectoryCodes = new(StringComparer.Ordinal)
    {
        ValidationCodes.UnknownDepartment,
        ValidationCodes.UnknownDataSource,
        ValidationCodes.UnknownTemplate,
    };

    /// <summary>
    /// The catalog folder named by <c>--catalog</c>: a folder holding organization.yaml, a folder whose definitions/
    /// holds it, or the organization.yaml file itself.
    /// </summary>
    public static string Root(string given)
    {
        var full = Path.GetFullPath(given);
        if (File.Exists(full) && string.Equals(Path.GetFileName(full), DefinitionEnvironment.OrganizationFileName, StringComparison.OrdinalIgnoreCase))
        {
            return Path.GetDirectoryName(full)!;
        }

        foreach (var folder in new[] { full, Path.Combine(full, "definitions") })
        {
            if (File.Exists(Path.Combine(folder, DefinitionEnvironment.OrganizationFileName)))
            {
                return folder;
            }
        }

        throw new DirectoryNotFoundException(
            $"--catalog {given}: no {DefinitionEnvironment.OrganizationFileName} there (nor in {Path.Combine(given, "definitions")}); name the folder that holds it");
    }

    /// <summary>The file's result without the diagnostics that only say a name is missing from an organization that is not there.</summary>
    public static CheckedDefinition WithoutDirectoryChecks(CheckedDefinition result) =>
        result with { Diagnostics = [.. result.Diagnostics.Where(d => !DirectoryCodes.Contains(d.Code))] };

    public static string Describe(string root, DefinitionEnvironment environment, bool chinese)
    {
        var file = Path.Combine(root, DefinitionEnvironment.OrganizationFileName);
        var organization = environment.Organization;
        object calendars = environment.Calendars.Count == 0 ? Message.Of("cli.none") : string.Join(", ", environment.Calendars.Ids);
        return Message.Of("cli.organization", ("file", file), ("departments", organization.Departments.Count), ("dataSources", organization.DataSources.Count),
            ("templates", organization.Templates.Count), ("calendars", calendars)).Text(chinese);
    }

    public static string NoneFound(IReadOnlyList<string> files, bool chinese)
    {
        var which = string.Join(", ", files);
        return Message.Of("cli.no-organization", ("files", which), ("organizationFile", DefinitionEnvironment.OrganizationFileName)).Text(chinese);
    }
}
