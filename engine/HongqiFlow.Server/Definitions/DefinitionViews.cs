using HongqiFlow.Definitions.Graph;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Server.Definitions;

/// <summary>A diagnostic as the designer draws it: code, severity, message, suggested fix, 1-based line and column, document path.</summary>
public sealed record DiagnosticView(string Code, string Severity, string Message, string? Fix, int Line, int Column, string Path)
{
    public static DiagnosticView From(Diagnostic d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DiagnosticView(d.Code, d.Severity.ToString().ToLowerInvariant(), d.Message, d.Fix, d.Location.Line, d.Location.Column, d.Location.Path);
    }

    public static IReadOnlyList<DiagnosticView> From(IEnumerable<Diagnostic> diagnostics) => [.. diagnostics.Select(From)];
}

/// <summary>One row of the catalog view.</summary>
public sealed record DefinitionListItem(string Code, string Name, int? LatestVersion, bool HasDraft, bool Valid, int Errors, int Warnings, string Pinyin);

/// <summary>A material as the intake checklist shows it.</summary>
public sealed record MaterialView(string Id, string Name, bool Core, bool Tolerable, bool Committable, string? Shared, bool Optional)
{
    public static MaterialView From(MaterialDefinition m) => new(m.Id, m.Name, m.Core, m.Tolerable, m.Committable, m.Shared, m.Optional);
}

/// <summary>A special procedure as the console lists it: id, name, longest duration.</summary>
public sealed record ProcedureView(string Id, string Name, string? Max);

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
        };
    }
}

/// <summary>GET /api/definitions/{code}: the text an author edits (the draft, else the latest version) and what it means.</summary>
public sealed record DefinitionDocument(
    string Code,
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

public sealed record VersionView(string Code, int Version, string Author, DateTimeOffset PublishedAt, string Source);

public sealed record VersionDocument(string Code, int Version, string Yaml, DefinitionGraph? Graph, ModelSummary? Model);

public sealed record ChangeView(string Kind, string Area, string Key, string? Field, string? Before, string? After);

public sealed record DiffResponse(string Code, string From, string To, IReadOnlyList<ChangeView> Changes);

public sealed record ImportFile(string? Name, string? Yaml);

public sealed record ImportRequest(IReadOnlyList<ImportFile>? Files);

public sealed record ImportResponse(IReadOnlyList<string> Imported, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Drift, IReadOnlyList<DiagnosticView> Invalid);

public sealed record ExportRequest(string? Folder);

public sealed record ExportResponse(string Folder, IReadOnlyList<string> Files);

public sealed record DueDateResponse(string Calendar, DateTimeOffset From, string Duration, DateTimeOffset Due);
