using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Definitions.Validation;

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
        var calendars = environment.Calendars.Count == 0 ? (chinese ? "无" : "none") : string.Join(", ", environment.Calendars.Ids);
        return chinese
            ? $"组织目录：{file}（{organization.Departments.Count} 个部门，{organization.DataSources.Count} 个数据源，{organization.Templates.Count} 个公共模板；日历：{calendars}）"
            : $"organization: {file} ({organization.Departments.Count} departments, {organization.DataSources.Count} data sources, {organization.Templates.Count} shared templates; calendars: {calendars})";
    }

    public static string NoneFound(IReadOnlyList<string> files, bool chinese)
    {
        var which = string.Join(", ", files);
        return chinese
            ? $"未找到组织目录：{which} 所在及以上的文件夹（或其旁边的 definitions/）中没有 {DefinitionEnvironment.OrganizationFileName}，因此未检查部门、数据源、公共模板和日历；用 --catalog DIR 指定事项目录"
            : $"no organization found: there is no {DefinitionEnvironment.OrganizationFileName} at or above the folder of {which} (nor in a definitions/ beside one), so departments, data sources, shared templates and calendars are not checked; give one with --catalog DIR";
    }
}
