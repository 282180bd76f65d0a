using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Diagnostics;
using HongqiFlow.Hosting;

namespace HongqiFlow.Samples;

/// <summary>
/// Finds sample files and runs them, each against the catalog that holds its definition (the nearest folder with
/// organization.yaml, or <c>definitions/</c> beside the samples). Shared by <c>hongqi test</c> and the xunit suite.
/// </summary>
public sealed class SampleSuite : IDisposable
{
    private readonly Dictionary<string, DefinitionLibrary> _libraries = new(StringComparer.Ordinal);
    private readonly string? _catalog;

    /// <param name="catalog">A catalog folder to use for every sample; null finds one per sample.</param>
    public SampleSuite(string? catalog = null)
    {
        _catalog = catalog;
    }

    /// <summary>Every *.yaml / *.yml under the given files and folders, sorted.</summary>
    public static IReadOnlyList<string> Files(IEnumerable<string> paths) => YamlFiles.Find(paths);

    /// <summary>Reads and runs one sample file; a sample that does not read, or whose catalog has errors, fails with them.</summary>
    public SampleFileResult Run(string file)
    {
        var (sample, diagnostics) = SampleReader.ReadFile(file);
        if (sample is null)
        {
            return new SampleFileResult(file, null, diagnostics);
        }

        var library = LibraryFor(file);
        if (library is null)
        {
            return new SampleFileResult(file, null, [Diagnostic.Of("HQ5010", Severity.Error,
                $"no catalog found for this sample (a folder with organization.yaml, or definitions/ above it)", sample.At, $"pass --definitions FOLDER")]);
        }

        if (library.Find(sample.Definition) is null)
        {
            var broken = library.Checked.Where(c => !c.IsValid && (Path.GetFileNameWithoutExtension(c.File) == sample.Definition || c.Model?.Item.Code == sample.Definition.Split('@')[0])).ToList();
            if (broken.Count > 0)
            {
                return new SampleFileResult(file, null, [.. broken.SelectMany(b => b.Diagnostics).Where(d => d.Severity == Severity.Error)]);
            }
        }

        return new SampleFileResult(file, new SampleRunner(library).Run(sample), diagnostics);
    }

    private DefinitionLibrary? LibraryFor(string sampleFile)
    {
        var root = _catalog ?? FindCatalog(Path.GetDirectoryName(Path.GetFullPath(sampleFile)));
        if (root is null)
        {
            return null;
        }

        if (!_libraries.TryGetValue(root, out var library))
        {
            library = DefinitionLibrary.Load(root);
            _libraries[root] = library;
        }

        return library;
    }

    private static string? FindCatalog(string? folder)
    {
        for (var dir = folder; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, DefinitionEnvironment.OrganizationFileName)))
            {
                return dir;
            }

            var beside = Path.Combine(dir, "definitions");
            if (File.Exists(Path.Combine(beside, DefinitionEnvironment.OrganizationFileName)))
            {
                return beside;
            }
        }

        return null;
    }

    public void Dispose()
    {
        foreach (var library in _libraries.Values)
        {
            library.Dispose();
        }

        _libraries.Clear();
    }
}

/// <summary>A sample file's result: the outcome when it ran, or the diagnostics that stopped it.</summary>
public sealed record SampleFileResult(string File, SampleOutcome? Outcome, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Passed => Outcome is { Passed: true } && !Diagnostics.Any(d => d.Severity == Severity.Error);
}
