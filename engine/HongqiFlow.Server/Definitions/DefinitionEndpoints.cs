using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Definitions.Graph;
using HongqiFlow.Definitions.Validation;
using HongqiFlow.Diagnostics;
using HongqiFlow.Hosting;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Search;
using HongqiFlow.Server.Security;
using HongqiFlow.Storage;
using HongqiFlow.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace HongqiFlow.Server.Definitions;

/// <summary>The authors' API (the designer is built on it): list, create, read, validate, drafts, publish, versions, diff, layout, simulate, export/import, due-date preview.</summary>
public static class DefinitionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("definitions");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Reading).WithSummary("list the catalog: code, name, latest version, draft, validity, pinyin initials")
            .WithName("listDefinitions");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Authoring).WithSummary("create a new item's draft from a template (basic, parallel)")
            .WithName("createDefinition").Problems(StatusCodes.Status409Conflict);
        group.MapPost("/validate", Validate).RequireAuthorization(Policies.Authoring).WithSummary("validate a YAML text: diagnostics with line and column, and the graph")
            .WithName("validateDefinition");
        group.MapPost("/simulate", Simulate).RequireAuthorization(Policies.Authoring).WithSummary("run a sample or a list of steps against a YAML text on a virtual clock")
            .WithName("simulateDefinition");
        group.MapPost("/export", ExportAsync).RequireAuthorization(Policies.Administration).WithSummary("write every published version to the catalog folder as YAML")
            .WithName("exportDefinitions");
        group.MapPost("/import", ImportAsync).RequireAuthorization(Policies.Administration).WithSummary("publish catalog files (posted, or the catalog folder) that the store lacks; report drift")
            .WithName("importDefinitions");
        group.MapGet("/{code}", GetAsync).RequireAuthorization(Policies.Reading).WithSummary("the draft (else the latest version): YAML, revision, model summary, graph, diagnostics")
            .WithName("getDefinition").Problems(StatusCodes.Status404NotFound);
        group.MapPut("/{code}/draft", SaveDraftAsync).RequireAuthorization(Policies.Authoring).WithSummary("save the draft over baseRevision; 409 with the current revision when someone saved meanwhile")
            .WithName("saveDefinitionDraft").Problems(StatusCodes.Status409Conflict);
        group.MapPost("/{code}/publish", PublishAsync).RequireAuthorization(Policies.Authoring).WithSummary("publish the draft as a new immutable version")
            .WithName("publishDefinition").Problems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{code}/versions", ListVersionsAsync).RequireAuthorization(Policies.Reading).WithSummary("the published versions, oldest first")
            .WithName("listDefinitionVersions").Problems(StatusCodes.Status404NotFound);
        group.MapGet("/{code}/versions/{version:int}", GetVersionAsync).RequireAuthorization(Policies.Reading).WithSummary("one published version: YAML and graph")
            .WithName("getDefinitionVersion").Problems(StatusCodes.Status404NotFound);
        group.MapGet("/{code}/diff", DiffAsync).RequireAuthorization(Policies.Reading).WithSummary("semantic diff of two versions (to=draft for the draft)")
            .WithName("diffDefinition").Problems(StatusCodes.Status404NotFound);
        group.MapGet("/{code}/layout", GetLayoutAsync).RequireAuthorization(Policies.Reading).WithSummary("the designer's node positions (JSON sidecar)")
            .WithName("getDefinitionLayout");
        group.MapPut("/{code}/layout", SaveLayoutAsync).RequireAuthorization(Policies.Authoring).WithSummary("save the designer's node positions")
            .WithName("saveDefinitionLayout");

        app.MapGet("/api/calendars/{id}/add", AddWorkingTime).WithTags("definitions").RequireAuthorization(Policies.Reading)
            .WithSummary("due-date preview: from + duration on a working calendar")
            .WithName("addWorkingTime").Problems(StatusCodes.Status404NotFound);
        app.MapGet("/api/organization", Organization).WithTags("definitions").RequireAuthorization(Policies.Reading)
            .WithSummary("the catalog's departments and data sources (organization.yaml): ids with their names")
            .WithName("getOrganization");
    }

    internal static async Task<Ok<List<DefinitionListItem>>> ListAsync(DefinitionRegistry registry, string? q, CancellationToken ct)
    {
        var store = registry.Store;
        var latest = (await store.ListLatestAsync(ct)).ToDictionary(v => v.Code, StringComparer.Ordinal);
        var drafts = (await store.ListDraftsAsync(ct)).ToDictionary(d => d.Code, StringComparer.Ordinal);
        var rows = new List<DefinitionListItem>();
        foreach (var code in latest.Keys.Union(drafts.Keys).Order(StringComparer.Ordinal))
        {
            var text = drafts.TryGetValue(code, out var draft) ? draft.Yaml : (await store.GetVersionAsync(code, latest[code].Version, ct))?.Yaml ?? string.Empty;
            var checkedText = registry.Check(text, code + ".yaml");
            var name = checkedText.Model?.Item.Name ?? code;
            var row = new DefinitionListItem(
                code,
                name,
                latest.TryGetValue(code, out var info) ? info.Version : null,
                draft is not null,
                checkedText.IsValid,
                checkedText.Diagnostics.Count(d => d.Severity == Severity.Error),
                checkedText.Diagnostics.Count(d => d.Severity == Severity.Warning),
                PinyinInitials.Of(name),
                checkedText.Model?.Item.Lead,
                checkedText.Model?.Item.Kind.ToString().ToLowerInvariant());
            if (q is null || PinyinInitials.Matches(q, name, code))
            {
                rows.Add(row);
            }
        }

        return TypedResults.Ok(rows);
    }

    internal static async Task<Results<Created<DefinitionDocument>, ValidationProblem, ProblemHttpResult>> CreateAsync(CreateDefinitionRequest? body, DefinitionRegistry registry, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body?.Code))
        {
            errors["code"] = ["required: the item code, e.g. QYKB-0002"];
        }
        else if (body.Code.Length > ItemCodes.MaxLength)
        {
            errors["code"] = [$"at most {ItemCodes.MaxLength} characters; this one has {body.Code.Length}"];
        }
        else if (!ItemCodes.IsFileSafe(body.Code))
        {
            errors["code"] = [$"letters, digits, '-', '_' and '.' only, starting with a letter or digit and not ending with '.' (it names files and URLs); e.g. '{ItemCodes.Suggest(body.Code)}'"];
        }

        if (string.IsNullOrWhiteSpace(body?.Name))
        {
            errors["name"] = ["required: the item name, e.g. 食品经营许可"];
        }
        else if (body.Name.Length > NameLength)
        {
            errors["name"] = [$"at most {NameLength} characters; this one has {body.Name.Length}"];
        }
        else
        {
            RequestText.Check(errors, "name", body.Name);
        }

        var template = body?.Template ?? "basic";
        if (!DefinitionTemplates.Names.Contains(template))
        {
            errors["template"] = [$"unknown template '{template}'; use one of: {string.Join(", ", DefinitionTemplates.Names)}"];
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var code = body!.Code!;
        if (await registry.Store.GetDraftAsync(code, ct) is not null || (await registry.Store.ListVersionsAsync(code, ct)).Count > 0)
        {
            return Problems.Conflict($"an item with code '{code}' already exists; open it instead", $"已有代码为“{code}”的事项，请直接打开它");
        }

        var yaml = DefinitionTemplates.Render(template, code, body.Name!)!;
        await registry.Store.SaveDraftAsync(code, yaml, 0, Caller.From(user).UserId, time.GetUtcNow(), ct);
        return TypedResults.Created($"/api/definitions/{code}", (await DocumentAsync(registry, code, ct))!);
    }

    internal static Results<Ok<ValidateResponse>, ValidationProblem> Validate(ValidateRequest? body, DefinitionRegistry registry)
    {
        if (body?.Yaml is null)
        {
            return Problems.Field("yaml", "required: the YAML text of an item definition");
        }

        var checkedText = registry.Check(body.Yaml);
        return TypedResults.Ok(new ValidateResponse(DiagnosticView.From(checkedText.Diagnostics), GraphOf(checkedText), checkedText.Model is null ? null : ModelSummary.From(checkedText.Model)));
    }

    internal static async Task<Results<Ok<DefinitionDocument>, ProblemHttpResult>> GetAsync(string code, DefinitionRegistry registry, CancellationToken ct) =>
        await DocumentAsync(registry, code, ct) is { } document ? TypedResults.Ok(document) : NotFound(code);

    internal static async Task<Results<Ok<SaveDraftResponse>, ValidationProblem, ProblemHttpResult>> SaveDraftAsync(string code, SaveDraftRequest? body, DefinitionRegistry registry, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.Yaml is null)
        {
            errors["yaml"] = ["required: the YAML text of the draft"];
        }
        else if (RequestText.YamlProblem(body.Yaml) is { } yamlProblem)
        {
            errors["yaml"] = [yamlProblem];
        }

        if (body?.BaseRevision is null or < 0)
        {
            errors["baseRevision"] = ["required: the revision the text was edited from (0 for a first draft)"];
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        if (body!.BaseRevision == 0 && await registry.Store.GetDraftAsync(code, ct) is null && (await registry.Store.ListVersionsAsync(code, ct)).Count == 0)
        {
            return NotFound(code);
        }

        try
        {
            var revision = await registry.Store.SaveDraftAsync(code, body.Yaml!, body.BaseRevision!.Value, Caller.From(user).UserId, time.GetUtcNow(), ct);
            return TypedResults.Ok(new SaveDraftResponse(code, revision, DiagnosticView.From(registry.Check(body.Yaml!, code + ".yaml").Diagnostics)));
        }
        catch (DraftConflictException e)
        {
            return Problems.Conflict(e.Message, new Dictionary<string, object?> { ["currentRevision"] = e.CurrentRevision, ["baseRevision"] = e.BaseRevision });
        }
    }

    internal static async Task<Results<Ok<PublishResponse>, ProblemHttpResult>> PublishAsync(string code, DefinitionRegistry registry, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await registry.Store.GetDraftAsync(code, ct) is null)
        {
            return (await registry.Store.ListVersionsAsync(code, ct)).Count == 0
                ? NotFound(code)
                : Problems.Conflict($"'{code}' has no draft to publish; save a draft first", $"“{code}”没有可发布的草稿，请先保存草稿");
        }

        try
        {
            var result = await registry.PublishAsync(code, Caller.From(user).UserId, ct);
            if (!result.IsPublished)
            {
                return Problems.BadRequest($"the draft of '{code}' cannot be published: fix the errors listed in 'diagnostics'",
                    $"“{code}”的草稿有错误，不能发布：请先修正下列问题",
                    new Dictionary<string, object?> { ["diagnostics"] = DiagnosticView.From(result.Diagnostics) });
            }

            var published = result.Published!;
            return TypedResults.Ok(new PublishResponse(code, published.Version, published.DefinitionId, DiagnosticView.From(result.Diagnostics)));
        }
        catch (VersionAlreadyPublishedException e)
        {
            return Problems.Conflict(e.Message, $"“{e.Code}”第 {e.Version} 版已经发布，已发布的版本不再改变；请把 item.version 加 1 后再发布");
        }
    }

    internal static async Task<Results<Ok<List<VersionView>>, ProblemHttpResult>> ListVersionsAsync(string code, DefinitionRegistry registry, CancellationToken ct)
    {
        var versions = await registry.Store.ListVersionsAsync(code, ct);
        if (versions.Count == 0 && await registry.Store.GetDraftAsync(code, ct) is null)
        {
            return NotFound(code);
        }

        return TypedResults.Ok(versions.Select(v => new VersionView(v.Code, v.Version, v.Author, v.PublishedAt, v.Source)).ToList());
    }

    internal static async Task<Results<Ok<VersionDocument>, ProblemHttpResult>> GetVersionAsync(string code, int version, DefinitionRegistry registry, CancellationToken ct)
    {
        var published = await registry.Store.GetVersionAsync(code, version, ct);
        if (published is null)
        {
            return Problems.NotFound($"'{code}' has no published version {version}", $"“{code}”没有已发布的第 {version} 版");
        }

        var checkedText = registry.Check(published.Yaml, published.DefinitionId + ".yaml");
        return TypedResults.Ok(new VersionDocument(code, version, published.Yaml, GraphOf(checkedText), checkedText.Model is null ? null : ModelSummary.From(checkedText.Model)));
    }

    internal static async Task<Results<Ok<DiffResponse>, ValidationProblem, ProblemHttpResult>> DiffAsync(string code, string? from, string? to, DefinitionRegistry registry, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var before = await ModelOfAsync(registry, code, from, "from", errors, ct);
        var after = await ModelOfAsync(registry, code, to, "to", errors, ct);
        if (errors.Count > 0)
        {
            return errors.Values.Any(v => v[0].StartsWith("not found", StringComparison.Ordinal))
                ? Problems.NotFound(string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}")))
                : Problems.Fields(errors, "from and to name published versions (numbers) or 'draft'");
        }

        var diff = DefinitionDiff.Compare(before!, after!);
        return TypedResults.Ok(new DiffResponse(code, from!, to!, [.. diff.Changes.Select(c => new ChangeView(c.Kind.ToString().ToLowerInvariant(), c.Area, c.Key, c.Field, c.Before, c.After))]));
    }

    internal static Ok<OrganizationView> Organization(DefinitionRegistry registry)
    {
        var directory = registry.Catalog.Environment.Organization;
        return TypedResults.Ok(new OrganizationView(
            [.. directory.Departments.Select(d => new DepartmentView(d.Id, d.Name))],
            [.. directory.DataSources.Select(d => new DataSourceView(d.Id, d.Name, d.Owner))],
            [.. directory.Templates.Select(t => new TemplateView(t.Id, t.Title))]));
    }

    internal static async Task<Ok<Dictionary<string, JsonElement>>> GetLayoutAsync(string code, DefinitionRegistry registry, TimeProvider time, CancellationToken ct)
    {
        var layout = await new DefinitionLayouts(registry.Store, time).GetAsync(code, ct);
        return TypedResults.Ok(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(layout) ?? []);
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SaveLayoutAsync(string code, JsonElement layout, DefinitionRegistry registry, TimeProvider time, CancellationToken ct)
    {
        if (DefinitionLayouts.Problems(layout) is { Count: > 0 } errors)
        {
            return errors.ContainsKey("$") ? Problems.Fields(errors) : Problems.Fields(errors, "the layout's positions must be numbers");
        }

        return await new DefinitionLayouts(registry.Store, time).SaveAsync(code, layout, ct) ? TypedResults.NoContent() : NotFound(code);
    }

    internal static Results<Ok<SimulateResponse>, ValidationProblem, ProblemHttpResult> Simulate(SimulateRequest? body, Simulator simulator, DefinitionRegistry registry, TimeProvider time)
    {
        if (body is null)
        {
            return Problems.Field("$", "required: {yaml, sample | steps, clock}");
        }

        var model = body.Yaml is null ? null : registry.Check(body.Yaml).Model;
        IReadOnlyList<string> complete = model is null ? [] : [.. model.Materials.Where(m => m.Shared is null && !m.Optional).Select(m => m.Id)];
        var (sample, errors) = SimulationInput.Build(body, time.GetUtcNow(), complete);
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        if (SimulationBounds.Check(sample!) is { Count: > 0 } beyond)
        {
            return Problems.Fields(beyond, SimulationBounds.Detail);
        }

        var response = SimulateResponse.From(simulator.Run(body.Yaml!, sample!));
        var size = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(response, ServerJson.Options).Length;
        if (size > SimulationBounds.MaxResponseBytes)
        {
            return Problems.BadRequest(
                $"the simulation's answer would be {size} bytes; at most {SimulationBounds.MaxResponseBytes} are returned — simulate fewer steps or less time",
                $"模拟结果有 {size} 字节，超过上限 {SimulationBounds.MaxResponseBytes} 字节：请减少步骤或缩短模拟时间");
        }

        return TypedResults.Ok(response);
    }

    /// <summary>An item's name, as <c>POST /api/definitions</c> takes it (docs/api.md).</summary>
    private const int NameLength = 200;

    /// <summary>Why the export folder a request names cannot be a folder at all (a NUL, a control character, an unusable path), or null.</summary>
    private static string? FolderProblem(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            return null;
        }

        if (RequestText.Problem(folder) is { } problem)
        {
            return problem;
        }

        if (!ContainedPaths.IsPathText(folder))
        {
            return "holds a character no path may hold";
        }

        try
        {
            _ = Path.GetFullPath(folder);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"is not a usable path: {e.Message}";
        }
    }

    internal static async Task<Results<Ok<ExportResponse>, ValidationProblem, ProblemHttpResult>> ExportAsync(ExportRequest? body, DefinitionRegistry registry, IOptions<ServerOptions> options, CancellationToken ct)
    {
        // An HTTP caller writes only where the server keeps its own files: the catalog folder, or under the data folder
        // (a relative folder is taken from there). Anywhere else is the CLI's business, on the machine itself.
        var catalog = Path.GetFullPath(Paths.ResolveDefinitions(options.Value.Definitions));
        var data = Path.GetFullPath(options.Value.Data);
        if (FolderProblem(body?.Folder) is { } problem)
        {
            return Problems.Field("folder", problem);
        }

        var folder = string.IsNullOrWhiteSpace(body?.Folder) ? catalog : Path.GetFullPath(body.Folder, data);
        if (!Paths.IsWithin(folder, catalog) && !Paths.IsWithin(folder, data))
        {
            return Problems.Field("folder", $"export writes inside the catalog folder ({catalog}) or the data folder ({data}); '{body!.Folder}' is outside both");
        }

        try
        {
            var files = await registry.ExportAsync(folder, ct);
            return TypedResults.Ok(new ExportResponse(Path.GetFullPath(folder), [.. files.Select(f => Path.GetRelativePath(folder, f))]));
        }
        catch (PathOutsideFolderException e)
        {
            return Problems.Conflict(
                $"nothing was exported: a stored definition's code would write '{e.Relative}', outside the export folder; such a code is no longer accepted (HQ2070)",
                $"未导出任何文件：已存储事项的代码会写到导出目录之外（“{e.Relative}”）；这样的代码现已不再接受（HQ2070）");
        }
    }

    internal static async Task<Results<Ok<ImportResponse>, ValidationProblem>> ImportAsync(ImportRequest? body, DefinitionRegistry registry, CancellationToken ct)
    {
        if (body?.Files is not { Count: > 0 } files)
        {
            return TypedResults.Ok(ImportResponse.From(await registry.ImportCatalogAsync(ct)));
        }

        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < files.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(files[i].Yaml))
            {
                errors[$"files[{i}].yaml"] = ["required: the YAML text of the file"];
            }
            else if (RequestText.YamlProblem(files[i].Yaml) is { } yamlProblem)
            {
                errors[$"files[{i}].yaml"] = [yamlProblem];
            }

            RequestText.Check(errors, $"files[{i}].name", files[i].Name);
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var report = await registry.ImportFilesAsync(files.Select(f => new CatalogFile(string.IsNullOrWhiteSpace(f.Name) ? "imported.yaml" : f.Name, f.Yaml!)), "import", ct);
        return TypedResults.Ok(ImportResponse.From(report));
    }

    internal static Results<Ok<DueDateResponse>, ValidationProblem, ProblemHttpResult> AddWorkingTime(string id, string? from, string? duration, DefinitionRegistry registry, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        if (!registry.Environment.Calendars.TryGet(id, out var calendar))
        {
            return Problems.NotFound($"no calendar '{id}'; known: {string.Join(", ", registry.Environment.Calendars.Ids)}");
        }

        var start = time.GetUtcNow();
        if (from is not null && !DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out start))
        {
            errors["from"] = [$"'{from}' is not an instant; write ISO 8601, e.g. 2026-09-30T09:00:00+08:00"];
        }

        Duration parsed = default;
        if (duration is null)
        {
            errors["duration"] = ["required: a duration such as 5wd, 3wh, 30d, 2h or 45min"];
        }
        else if (!Duration.TryParse(duration, out parsed, out var error))
        {
            errors["duration"] = [error is null ? $"'{duration}' is not a duration" : FormattableString.Invariant(error)];
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        return TypedResults.Ok(new DueDateResponse(calendar.Id, start, parsed.ToString(), calendar.Due(start, parsed, calendar.DayCounting), calendar.DayCounting.Name()));
    }

    private static async Task<HongqiFlow.Definitions.Model.ServiceItemDefinition?> ModelOfAsync(
        DefinitionRegistry registry, string code, string? which, string field, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(which))
        {
            errors[field] = ["required: a version number or 'draft'"];
            return null;
        }

        string? text;
        if (which == "draft")
        {
            text = (await registry.Store.GetDraftAsync(code, ct))?.Yaml;
        }
        else if (int.TryParse(which, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            text = (await registry.Store.GetVersionAsync(code, version, ct))?.Yaml;
        }
        else
        {
            errors[field] = [$"'{which}' is neither a version number nor 'draft'"];
            return null;
        }

        if (text is null)
        {
            errors[field] = [$"not found: '{code}' has no {(which == "draft" ? "draft" : "version " + which)}"];
            return null;
        }

        var model = registry.Check(text, code + ".yaml").Model;
        if (model is null)
        {
            errors[field] = [$"the {which} text of '{code}' does not read as a definition; validate it first"];
        }

        return model;
    }

    private static async Task<DefinitionDocument?> DocumentAsync(DefinitionRegistry registry, string code, CancellationToken ct)
    {
        var draft = await registry.Store.GetDraftAsync(code, ct);
        var versions = await registry.Store.ListVersionsAsync(code, ct);
        int? latest = versions.Count == 0 ? null : versions[^1].Version;
        string text;
        if (draft is not null)
        {
            text = draft.Yaml;
        }
        else if (latest is { } v)
        {
            text = (await registry.Store.GetVersionAsync(code, v, ct))!.Yaml;
        }
        else
        {
            return null;
        }

        var checkedText = registry.Check(text, code + ".yaml");
        return new DefinitionDocument(
            code,
            checkedText.Model?.Item.Name ?? code,
            draft is null ? "version" : "draft",
            text,
            draft?.Revision ?? 0,
            latest,
            checkedText.Model is null ? null : ModelSummary.From(checkedText.Model),
            GraphOf(checkedText),
            DiagnosticView.From(checkedText.Diagnostics));
    }

    private static DefinitionGraph? GraphOf(CheckedDefinition checkedText) => checkedText.Model is null ? null : DefinitionGraph.From(checkedText.Model);

    private static ProblemHttpResult NotFound(string code) => Problems.NotFound($"no definition '{code}' (neither a draft nor a published version)", $"没有事项“{code}”（既没有草稿，也没有已发布的版本）");
}
