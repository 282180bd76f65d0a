using System.Collections.Concurrent;
using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Progress;
using HongqiFlow.Runtime;
using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>
/// Published definitions by (code, version), each compiled once and kept in memory; the store is the truth, the
/// catalog folder seeds it (<see cref="ImportCatalogAsync"/>) and the calendars and organization of that folder are
/// what every version compiles against. Drafts are checked and published here (validation first, then the store's
/// immutable write). See docs/definitions-lifecycle.md.
/// </summary>
public sealed class DefinitionRegistry : IDisposable
{
    private readonly IDefinitionStore _store;
    private readonly DefinitionLibrary _library;
    private readonly TimeProvider _time;
    private readonly DefinitionChecker _checker = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<CompiledDefinition>>> _compiled = new(StringComparer.Ordinal);
    private readonly Lock _compileGate = new();

    public DefinitionRegistry(IDefinitionStore store, DefinitionLibrary library, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _library = library;
        _time = time;
    }

    /// <summary>Loads the catalog folder and imports its valid items into the store as published versions when missing.</summary>
    public static Task<DefinitionRegistry> OpenAsync(IDefinitionStore store, string catalogFolder, TimeProvider time, CancellationToken cancellationToken = default) =>
        OpenAsync(store, catalogFolder, time, OperationProgress.None, cancellationToken);

    /// <summary>The same, counting the items imported on <paramref name="progress"/>.</summary>
    public static async Task<DefinitionRegistry> OpenAsync(IDefinitionStore store, string catalogFolder, TimeProvider time, IOperationProgress progress, CancellationToken cancellationToken = default)
    {
        var library = DefinitionLibrary.Load(catalogFolder);
        var registry = new DefinitionRegistry(store, library, time);
        try
        {
            await registry.ImportCatalogAsync(progress, cancellationToken);
        }
        catch
        {
            registry.Dispose();
            throw;
        }

        return registry;
    }

    public IDefinitionStore Store => _store;

    /// <summary>The calendars and organization every definition compiles against.</summary>
    public DefinitionEnvironment Environment => _library.Environment;

    /// <summary>The catalog folder as loaded at start.</summary>
    public DefinitionLibrary Catalog => _library;

    /// <summary>What the last <see cref="ImportCatalogAsync"/> did.</summary>
    public CatalogImportReport LastImport { get; private set; } = CatalogImportReport.Empty;

    /// <summary>
    /// Imports each valid catalog item whose code+version the store lacks; reports (never overwrites) drift, where the
    /// store already holds that code+version with another text.
    /// </summary>
    public Task<CatalogImportReport> ImportCatalogAsync(CancellationToken cancellationToken = default) =>
        ImportCatalogAsync(OperationProgress.None, cancellationToken);

    /// <summary>The same, counting the items on <paramref name="progress"/>.</summary>
    public async Task<CatalogImportReport> ImportCatalogAsync(IOperationProgress progress, CancellationToken cancellationToken = default)
    {
        LastImport = await new CatalogImport(_store, _library.Environment, _time) { Progress = progress }
            .ImportAsync(_library.Checked, "catalog", _library.Environment.Diagnostics.Where(d => d.Severity == Severity.Error), cancellationToken);
        return LastImport;
    }

    /// <summary>
    /// Imports item files that were sent rather than read from the catalog folder (the API's import), checked against
    /// the catalog's calendars and organization, as <see cref="ImportCatalogAsync"/> imports the folder.
    /// </summary>
    public Task<CatalogImportReport> ImportFilesAsync(IEnumerable<CatalogFile> files, string author, CancellationToken cancellationToken = default) =>
        new CatalogImport(_store, _library.Environment, _time).ImportAsync(files, author, cancellationToken);

    /// <summary>
    /// A published definition by item code or catalog file name, with <c>@version</c> or else the latest published one.
    /// Throws <see cref="DefinitionNotFoundException"/>.
    /// </summary>
    public async Task<CompiledDefinition> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var hasVersion = DefinitionIds.TryParse(reference, out var name, out var version);
        var code = CodeOf(name);
        if (!hasVersion)
        {
            var versions = await _store.ListVersionsAsync(code, cancellationToken);
            if (versions.Count == 0)
            {
                throw new DefinitionNotFoundException(reference, await KnownAsync(cancellationToken));
            }

            version = versions[^1].Version;
        }

        return await GetAsync(code, version, cancellationToken);
    }

    /// <summary>The compiled definition of <c>code@version</c>, compiled on first use. Throws <see cref="DefinitionNotFoundException"/>.</summary>
    public Task<CompiledDefinition> GetAsync(string code, int version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var id = DefinitionIds.Of(code, version);
        var entry = _compiled.GetOrAdd(id, _ => new Lazy<Task<CompiledDefinition>>(() => LoadAsync(code, version, CancellationToken.None)));
        var task = entry.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed load is not cached: the version may be published a moment later.
            _compiled.TryRemove(new KeyValuePair<string, Lazy<Task<CompiledDefinition>>>(id, entry));
        }

        return task;
    }

    /// <summary>The definition a case runs on, from its definition id <c>CODE@version</c>.</summary>
    public Task<CompiledDefinition> ForCaseAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        if (!DefinitionIds.TryParse(definitionId, out var code, out var version))
        {
            throw new DefinitionNotFoundException(definitionId, []);
        }

        return GetAsync(code, version, cancellationToken);
    }

    /// <summary>Reads and validates a YAML text against the catalog's calendars and organization.</summary>
    public CheckedDefinition Check(string yaml, string file = "draft.yaml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return _checker.CheckText(yaml, file, _library.Environment);
    }

    /// <summary>Compiles a published version read from the store; its guards live as long as the catalog library.</summary>
    private CompiledDefinition CompileKept(ServiceItemDefinition model)
    {
        lock (_compileGate)
        {
            return _library.Compile(model);
        }
    }

    /// <summary>Guard sets the catalog library keeps for the life of the registry (catalog items and stored versions).</summary>
    internal int KeptGuardSets => _library.GuardSetCount;

    /// <summary>Compiles a checked model for one run (a simulation); dispose the result when the run is over.</summary>
    public ScratchDefinition CompileScratch(ServiceItemDefinition model)
    {
        lock (_compileGate)
        {
            return _library.CompileScratch(model);
        }
    }

    /// <summary>
    /// Publishes the draft of <paramref name="code"/> as the version its <c>item.version</c> names: refused with
    /// diagnostics when the draft is missing or invalid, names another code, or does not raise the version.
    /// </summary>
    public async Task<PublishResult> PublishAsync(string code, string author, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var draft = await _store.GetDraftAsync(code, cancellationToken);
        if (draft is null)
        {
            return Refused(HostingCodes.NoDraft, $"there is no draft of '{code}' to publish", $"save a draft first", SourceLocation.None);
        }

        var file = $"{code}.yaml";
        var checkedDraft = Check(draft.Yaml, file);
        if (!checkedDraft.IsValid)
        {
            return new PublishResult(null, checkedDraft.Diagnostics);
        }

        var item = checkedDraft.Model!.Item;
        if (item.Code != code)
        {
            return Refused(HostingCodes.CodeMismatch, $"the draft of '{code}' declares item.code '{item.Code}'", $"set item.code to '{code}', or save the text as a draft of '{item.Code}'", item.At);
        }

        var versions = await _store.ListVersionsAsync(code, cancellationToken);
        if (versions.Count > 0 && item.Version <= versions[^1].Version)
        {
            return Refused(HostingCodes.VersionNotRaised,
                $"item.version {item.Version} is already published or older than the latest published version {versions[^1].Version}; published versions never change",
                $"set item.version to {versions[^1].Version + 1}", item.At);
        }

        var published = new PublishedDefinition(code, item.Version, draft.Yaml, author, _time.GetUtcNow(), "draft");
        await _store.PublishAsync(published, cancellationToken);
        return new PublishResult(published, checkedDraft.Diagnostics);
    }

    /// <summary>The parsed model of a published version (for diffs and the designer).</summary>
    public async Task<ServiceItemDefinition> ModelAsync(string code, int version, CancellationToken cancellationToken = default) =>
        (await GetAsync(code, version, cancellationToken)).Definition;

    /// <summary>
    /// Writes every published version as YAML: the latest of each code to <c>&lt;name&gt;.yaml</c> (the catalog file
    /// name when the code came from the catalog), older ones to <c>versions/&lt;code&gt;@&lt;version&gt;.yaml</c>.
    /// Returns the files written. A code that would leave the folder (stored before codes were checked) stops the
    /// export with <see cref="PathOutsideFolderException"/> before anything is written there.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExportAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var files = new List<(string Path, PublishedDefinition Published)>();
        foreach (var latest in await _store.ListLatestAsync(cancellationToken))
        {
            foreach (var info in await _store.ListVersionsAsync(latest.Code, cancellationToken))
            {
                var published = await _store.GetVersionAsync(info.Code, info.Version, cancellationToken);
                files.Add((ContainedPaths.Inside(folder, info.Version == latest.Version
                    ? FileNameOf(info.Code) + ".yaml"
                    : Path.Combine("versions", $"{info.Code}@{info.Version}.yaml")), published!));
            }
        }

        foreach (var (path, published) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, published.Yaml, cancellationToken);
        }

        return [.. files.Select(f => f.Path)];
    }

    public void Dispose() => _library.Dispose();

    private async Task<CompiledDefinition> LoadAsync(string code, int version, CancellationToken ct)
    {
        var published = await _store.GetVersionAsync(code, version, ct)
            ?? throw new DefinitionNotFoundException(DefinitionIds.Of(code, version), await KnownAsync(ct));
        if (_library.Find(DefinitionIds.Of(code, version)) is { } fromCatalog
            && _library.Checked.Any(c => c.Model?.Item.Code == code && c.Model.Item.Version == version && SameText(c.Text, published.Yaml)))
        {
            return fromCatalog;
        }

        var checkedText = Check(published.Yaml, DefinitionIds.Of(code, version) + ".yaml");
        if (!checkedText.IsValid)
        {
            throw new DefinitionException(checkedText.Diagnostics);
        }

        return CompileKept(checkedText.Model!);
    }

    private async Task<IReadOnlyList<string>> KnownAsync(CancellationToken ct) =>
        [.. (await _store.ListLatestAsync(ct)).Select(v => v.DefinitionId)];

    private string CodeOf(string name) => _library.Find(name)?.Code ?? name;

    private string FileNameOf(string code) =>
        _library.Checked.FirstOrDefault(c => c.Model?.Item.Code == code) is { } item ? Path.GetFileNameWithoutExtension(item.File) : code;

    private static bool SameText(string a, string b) => CatalogImport.SameText(a, b);

    private static PublishResult Refused(string code, FormattableString message, FormattableString fix, SourceLocation at) =>
        new(null, [Diagnostic.Of(code, Severity.Error, message, at, fix)]);
}
