using HongqiFlow.Definitions.Graph;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Hosting;

namespace HongqiFlow.Server.Definitions;

/// <summary>
/// A diagnostic as the designer draws it: code, severity, message, suggested fix, 1-based line and column, document
/// path; the message and fix in Simplified Chinese too where the engine has them (absent otherwise).
/// </summary>
public sealed record DiagnosticView(string Code, string Severity, string Message, string? Fix, int Line, int Column, string Path)
{
    public string? MessageZh { get; init; }

    public string? FixZh { get; init; }

    public static DiagnosticView From(Diagnostic d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DiagnosticView(d.Code, d.Severity.ToString().ToLowerInvariant(), d.Message, d.Fix, d.Location.Line, d.Location.Column, d.Location.Path)
        {
            MessageZh = d.MessageZh,
            FixZh = d.FixZh,
        };
    }

    public static IReadOnlyList<DiagnosticView> From(IEnumerable<Diagnostic> diagnostics) => [.. diagnostics.Select(From)];
}

/// <summary>One row of the catalog view; <see cref="Lead"/> (the lead department's id) and <see cref="Kind"/> (promised or instant) are null when the text does not read.</summary>
public sealed record DefinitionListItem(string Code, string Name, int? LatestVersion, bool HasDraft, bool Valid, int Errors, int Warnings, string Pinyin, string? Lead, string? Kind);

/// <summary>A material as the intake checklist shows it.</summary>
public sealed record MaterialView(string Id, string Name, bool Core, bool Tolerable, bool Committable, string? Shared, bool Optional)
{
    public static MaterialView From(MaterialDefinition m) => new(m.Id, m.Name, m.Core, m.Tolerable, m.Committable, m.Shared, m.Optional);
}

/// <summary>A special procedure as the console lists it: id, name, longest duration.</summary>
public sealed record ProcedureView(string Id, string Name, string? Max);

/// <summary>A parallel branch as the console names it: its region key (state/branch), title and department.</summary>
public sealed record BranchView(string Region, string Name, string? Title, string Department);

/// <summary>An obligation the item declares (beyond the built-in ones): id and name.</summary>
public sealed record DeclaredObligationView(string Id, string Name);

/// <summary>What the designer header and the console need of a model without parsing YAML.</summary>
public sealed record ModelSummary(
    string Code,
    string Name,
    int Version,
    string Kind,
    string Lead,
    string Calendar,
    string? Promised,
    string? Statutory,
    IReadOnlyList<MaterialView> Materials,
    int? ToleranceMaxMissing,
    bool Commitment,
    IReadOnlyList<string> States,
    IReadOnlyList<string> Departments)
{
    /// <summary>The item's special procedures (特别程序), which the department worklist offers when it pauses the clock.</summary>
    public IReadOnlyList<ProcedureView> Procedures { get; init; } = [];

    /// <summary>Every parallel branch, so a history or a warning names "营业执照 · 市场监督管理局" rather than "approval/market".</summary>
    public IReadOnlyList<BranchView> Branches { get; init; } = [];

    /// <summary>The obligations the item declares, by id.</summary>
    public IReadOnlyList<DeclaredObligationView> Obligations { get; init; } = [];

    /// <summary>Each state's title by its name (the name itself when the state has none).</summary>
    public IReadOnlyDictionary<string, string> StateTitles { get; init; } = new Dictionary<string, string>();

    public static ModelSummary From(ServiceItemDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var departments = model.States.Where(s => s.Parallel is not null).SelectMany(s => s.Parallel!.Branches).Select(b => b.Department)
            .Concat(model.States.Select(s => s.Department).OfType<string>())
            .Distinct(StringComparer.Ordinal).ToList();
        return new ModelSummary(
            model.Item.Code,
            model.Item.Name,
            model.Item.Version,
            model.Item.Kind.ToString().ToLowerInvariant(),
            model.Item.Lead,
            model.Item.Calendar,
            model.Item.TimeLimit?.Promised?.ToString(),
            model.Item.TimeLimit?.Statutory?.ToString(),
            [.. model.Materials.Select(MaterialView.From)],
            model.Tolerance?.MaxMissing,
            model.Commitment is not null,
            [.. model.States.Select(s => s.Name)],
            departments)
        {
            Procedures = [.. model.Item.SpecialProcedures.Select(p => new ProcedureView(p.Id, p.Name, p.Max?.ToString()))],
            Branches = [.. model.States.Where(s => s.Parallel is not null)
                .SelectMany(s => s.Parallel!.Branches.Select(b => new BranchView($"{s.Name}/{b.Name}", b.Name, b.Title, b.Department)))],
            Obligations = [.. model.Obligations.Select(o => new DeclaredObligationView(o.Id, o.Name))],
            StateTitles = model.States.DistinctBy(s => s.Name, StringComparer.Ordinal).ToDictionary(s => s.Name, s => s.Title ?? s.Name, StringComparer.Ordinal),
        };
    }
}

/// <summary>GET /api/definitions/{code}: the text an author edits (the draft, else the latest version) and what it means.</summary>
public sealed record DefinitionDocument(
    string Code,
    string Name,
    string Source,
    string Yaml,
    int Revision,
    int? LatestVersion,
    ModelSummary? Model,
    DefinitionGraph? Graph,
    IReadOnlyList<DiagnosticView> Diagnostics);

public sealed record ValidateRequest(string? Yaml);

public sealed record ValidateResponse(IReadOnlyList<DiagnosticView> Diagnostics, DefinitionGraph? Graph, ModelSummary? Model);

public sealed record CreateDefinitionRequest(string? Code, string? Name, string? Template);

public sealed record SaveDraftRequest(string? Yaml, int? BaseRevision);

public sealed record SaveDraftResponse(string Code, int Revision, IReadOnlyList<DiagnosticView> Diagnostics);

public sealed record PublishResponse(string Code, int Version, string DefinitionId, IReadOnlyList<DiagnosticView> Diagnostics);

public sealed record VersionView(string Code, int Version, string Author, DateTimeOffset PublishedAt, string Source)
{
    /// <summary>The same as <see cref="Author"/>, under the name the designer reads.</summary>
    public string PublishedBy => Author;
}

public sealed record VersionDocument(string Code, int Version, string Yaml, DefinitionGraph? Graph, ModelSummary? Model);

public sealed record ChangeView(string Kind, string Area, string Key, string? Field, string? Before, string? After);

/// <summary>Keys added, removed and changed in one part of a definition.</summary>
public sealed record DiffPart(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed)
{
    public static DiffPart Of(IEnumerable<ChangeView> changes)
    {
        var list = changes.ToList();
        IReadOnlyList<string> Keys(string kind) => [.. list.Where(c => c.Kind == kind).Select(c => c.Key).Distinct(StringComparer.Ordinal)];
        return new DiffPart(Keys("added"), Keys("removed"), Keys("changed"));
    }
}

/// <summary>
/// The semantic diff: every change, and the same grouped for drawing: states (and branches), transitions, materials,
/// and rules (item header, limits, tolerance, commitment, rating, obligations, templates, notifications).
/// </summary>
public sealed record DiffResponse(string Code, string From, string To, IReadOnlyList<ChangeView> Changes)
{
    public DiffPart States => DiffPart.Of(Changes.Where(c => c.Area is "state" or "branch"));

    public DiffPart Transitions => DiffPart.Of(Changes.Where(c => c.Area == "transition"));

    public DiffPart Materials => DiffPart.Of(Changes.Where(c => c.Area == "material"));

    public DiffPart Rules => DiffPart.Of(Changes.Where(c => c.Area is not ("state" or "branch" or "transition" or "material")));
}

public sealed record ImportFile(string? Name, string? Yaml);

public sealed record ImportRequest(IReadOnlyList<ImportFile>? Files);

public sealed record ImportResponse(IReadOnlyList<string> Imported, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Drift, IReadOnlyList<DiagnosticView> Invalid)
{
    public static ImportResponse From(CatalogImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.Imported, report.Unchanged, [.. report.Drift.Select(d => d.ToString())], DiagnosticView.From(report.Invalid));
    }
}

public sealed record ExportRequest(string? Folder);

public sealed record ExportResponse(string Folder, IReadOnlyList<string> Files);

/// <summary>A due instant on a calendar; <see cref="Rule"/> says how it was counted (the calendar's dayCounting: whole-days or elapsed).</summary>
public sealed record DueDateResponse(string Calendar, DateTimeOffset From, string Duration, DateTimeOffset Due, string Rule);

/// <summary>GET /api/organization: the directory every item names its departments, data sources and shared notice templates from.</summary>
public sealed record OrganizationView(IReadOnlyList<DepartmentView> Departments, IReadOnlyList<DataSourceView> DataSources, IReadOnlyList<TemplateView> Templates);

/// <summary>A notice template shared by every item (organization.yaml), by its id and title.</summary>
public sealed record TemplateView(string Id, string Title);

public sealed record DepartmentView(string Id, string Name);

public sealed record DataSourceView(string Id, string Name, string? Owner);
