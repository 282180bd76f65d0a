namespace HongqiFlow.Definitions.Catalog;

/// <summary>The YAML files named by files and folders (folders searched recursively), sorted for stable output.</summary>
public static class YamlFiles
{
    /// <param name="paths">Files are taken as given; folders contribute every *.yaml / *.yml below them that <paramref name="keep"/> accepts.</param>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths, Func<string, bool>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Where(f => keep is null || keep(f)));
            }
            else
            {
                throw new FileNotFoundException($"no such file or folder: {path}", path);
            }
        }

        return [.. files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
