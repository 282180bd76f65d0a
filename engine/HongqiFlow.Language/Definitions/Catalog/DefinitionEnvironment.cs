using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Parsing;
using HongqiFlow.Definitions.Validation;
using HongqiFlow.Diagnostics;
using HongqiFlow.Expressions;
using HongqiFlow.Time;

namespace HongqiFlow.Definitions.Catalog;

/// <summary>
/// What every item of one catalog folder is read against: the organization directory (<c>organization.yaml</c>) and the
/// calendars (<c>calendars/</c>). Problems in those files are diagnostics like any other.
/// </summary>
public sealed class DefinitionEnvironment
{
    public const string OrganizationFileName = "organization.yaml";
    public const string CalendarsFolderName = "calendars";

    private DefinitionEnvironment(string? root, OrganizationDirectory organization, CalendarRegistry calendars, IReadOnlyList<Diagnostic> diagnostics)
    {
        Root = root;
        Organization = organization;
        Calendars = calendars;
        Diagnostics = diagnostics;
    }

    /// <summary>The catalog folder that holds organization.yaml, or null when none was found.</summary>
    public string? Root { get; }

    public OrganizationDirectory Organization { get; }

    public CalendarRegistry Calendars { get; }

    /// <summary>Problems found in organization.yaml and the calendar files.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public static DefinitionEnvironment Empty { get; } = new(null, OrganizationDirectory.Empty, CalendarRegistry.Empty, []);

    /// <summary>Loads organization.yaml and calendars/ from a catalog folder.</summary>
    public static DefinitionEnvironment Load(string root, DefinitionReader? reader = null)
    {
        reader ??= new DefinitionReader();
        var bag = new DiagnosticBag();
        var organization = OrganizationDirectory.Empty;
        var organizationFile = Path.Combine(root, OrganizationFileName);
        if (File.Exists(organizationFile))
        {
            var parsed = reader.ReadOrganizationFile(organizationFile);
            bag.AddRange(parsed.Diagnostics);
            organization = parsed.Model ?? OrganizationDirectory.Empty;
        }

        var calendarFolder = Path.Combine(root, CalendarsFolderName);
        var calendars = Directory.Exists(calendarFolder) ? CalendarRegistry.LoadFolder(calendarFolder, bag) : CalendarRegistry.Empty;
        return new DefinitionEnvironment(root, organization, calendars, bag.Sorted());
    }

    /// <summary>
    /// The environment of an item file: the nearest folder at or above it that holds organization.yaml; an empty one
    /// when there is none (then departments and calendars are reported unknown).
    /// </summary>
    public static DefinitionEnvironment ForFile(string itemFile, DefinitionReader? reader = null)
    {
        var root = FindRoot(Path.GetDirectoryName(Path.GetFullPath(itemFile)));
        return root is null ? Empty : Load(root, reader);
    }

    public static string? FindRoot(string? folder)
    {
        for (var dir = folder; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, OrganizationFileName)))
            {
                return dir;
            }

            // An item in a test fixture folder is checked against the repository's catalog.
            var catalog = Path.Combine(dir, "definitions", OrganizationFileName);
            if (File.Exists(catalog))
            {
                return Path.Combine(dir, "definitions");
            }
        }

        return null;
    }

    /// <summary>The validation context for items of this environment, with guards checked by <paramref name="guards"/>.</summary>
    public ValidationContext ValidationContext(GuardCompiler guards)
    {
        ArgumentNullException.ThrowIfNull(guards);
        var context = new ValidationContext
        {
            Organization = Organization,
            CheckExpressions = guards.Check,
        };
        return Calendars.Count > 0 || Root is not null ? context.WithCalendars(Calendars) : context;
    }
}
