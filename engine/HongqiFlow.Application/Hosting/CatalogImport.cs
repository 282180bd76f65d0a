using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Diagnostics;
using HongqiFlow.Progress;
using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>
/// The one catalog import: publishes each valid item whose code+version the store lacks, counts those the store already
/// holds with the same text, and reports (never overwrites) drift, where the store holds that code+version with another
/// text — with the semantic changes, empty when only formatting or comments differ. The catalog folder at start (server
/// and CLI, <see cref="DefinitionRegistry.ImportCatalogAsync"/>) and files posted to the API
/// (<see cref="DefinitionRegistry.ImportFilesAsync"/>) both go through it.
/// </summary>
public sealed class CatalogImport
{
    private readonly IDefinitionStore _store;
    private readonly DefinitionEnvironment _environment;
    private readonly TimeProvider _time;
    private readonly DefinitionChecker _checker = new();

    public CatalogImport(IDefinitionStore store, DefinitionEnvironment environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _environment = environment;
        _time = time;
    }

    /// <summary>Counts the valid items compared or imported (the catalog folder at start can be long).</summary>
    public IOperationProgress Progress { get; init; } = OperationProgress.None;

    /// <summary>Checks each file against the environment's calendars and organization, then imports the valid ones.</summary>
    public Task<CatalogImportReport> ImportAsync(IEnumerable<CatalogFile> files, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        return ImportAsync([.. files.Select(f => _checker.CheckText(f.Yaml, f.Name, _environment))], author, [], cancellationToken);
    }

    /// <summary>
    /// Imports the valid items of <paramref name="items"/> (already checked), published by <paramref name="author"/>;
    /// the errors of invalid items and <paramref name="otherErrors"/> (e.g. the catalog's calendars) are the report's
    /// invalid list.
    /// </summary>
    public async Task<CatalogImportReport> ImportAsync(IReadOnlyList<CheckedDefinition> items, string author, IEnumerable<Diagnostic> otherErrors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var imported = new List<string>();
        var unchanged = new List<string>();
        var drift = new List<CatalogDrift>();
        using var counter = Progress.Start("catalog import", items.Count(i => i.IsValid), "items");
        foreach (var item in items)
        {
            if (!item.IsValid)
            {
                continue;
            }

            counter.Advance();

            var model = item.Model!;
            var id = DefinitionIds.Of(model.Item.Code, model.Item.Version);
            var stored = await _store.GetVersionAsync(model.Item.Code, model.Item.Version, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                try
                {
                    await _store.PublishAsync(new PublishedDefinition(model.Item.Code, model.Item.Version, item.Text, author, _time.GetUtcNow(), "catalog"), cancellationToken).ConfigureAwait(false);
                    imported.Add(id);
                }
                catch (VersionAlreadyPublishedException)
                {
                    // Another node (or another file of the same import) published it at the same moment; the next import compares the texts.
                    unchanged.Add(id);
                }
            }
            else if (SameText(stored.Yaml, item.Text))
            {
                unchanged.Add(id);
            }
            else
            {
                var storedModel = _checker.CheckText(stored.Yaml, id + ".yaml", _environment).Model;
                var changes = storedModel is null ? [] : DefinitionDiff.Compare(storedModel, model).Changes;
                drift.Add(new CatalogDrift(id, item.File, changes));
            }
        }

        var invalid = items.Where(c => !c.IsValid).SelectMany(c => c.Diagnostics).Where(d => d.Severity == Severity.Error);
        return new CatalogImportReport(imported, unchanged, drift, [.. otherErrors, .. invalid]);
    }

    /// <summary>Texts that differ only in line endings or trailing blank space are the same text.</summary>
    public static bool SameText(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Equals(a.ReplaceLineEndings("\n").TrimEnd(), b.ReplaceLineEndings("\n").TrimEnd(), StringComparison.Ordinal);
    }
}
