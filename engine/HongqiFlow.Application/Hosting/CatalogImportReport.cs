using HongqiFlow.Diagnostics;

namespace HongqiFlow.Hosting;

/// <summary>
/// What seeding the store from the catalog folder did: versions imported, versions already there with the same text,
/// drift (the store's published text of a code+version differs from the file: the store wins and nothing is
/// overwritten), and item files that are invalid (not imported).
/// </summary>
public sealed record CatalogImportReport(
    IReadOnlyList<string> Imported,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<CatalogDrift> Drift,
    IReadOnlyList<Diagnostic> Invalid)
{
    public static CatalogImportReport Empty { get; } = new([], [], [], []);

    public bool HasDrift => Drift.Count > 0;
}

/// <summary>
/// One catalog file whose code and version are already published in the store with another text.
/// <see cref="Changes"/> lists the semantic differences; empty when only formatting or comments differ.
/// </summary>
public sealed record CatalogDrift(string DefinitionId, string File, IReadOnlyList<DefinitionChange> Changes)
{
    /// <summary>The diagnostic code of drift (docs/diagnostics/hosting.md).</summary>
#pragma warning disable CA1822 // Reported with every drift record, so callers read it from the record.
    public string Code => HostingCodes.CatalogDrift;
#pragma warning restore CA1822

    public bool FormattingOnly => Changes.Count == 0;

    public override string ToString() => FormattingOnly
        ? $"{File}: '{DefinitionId}' is already published with another text of the same meaning (formatting or comments); the store's text is used"
        : $"{File}: '{DefinitionId}' is already published with another text ({Changes.Count} change(s): {string.Join("; ", Changes.Take(3))}); the store's version is used — raise item.version in the file, or export the store";
}
