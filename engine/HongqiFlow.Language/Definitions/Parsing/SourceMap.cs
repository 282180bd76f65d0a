using System.Diagnostics.CodeAnalysis;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Definitions.Parsing;

/// <summary>
/// Document path → where its key and value stand in the file, for every node read. Paths are JSON-pointer style
/// with map keys and list indexes: <c>/states/approval/parallel/branches/tax</c>, <c>/materials/0/id</c>
/// ("~" and "/" inside a key are written "~0" and "~1").
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, SourceMapEntry> _entries = new(StringComparer.Ordinal);

    public SourceMap(string file) => File = file;

    public string File { get; }

    public int Count => _entries.Count;

    public IEnumerable<string> Paths => _entries.Keys;

    public bool TryGet(string path, [MaybeNullWhen(false)] out SourceMapEntry entry) => _entries.TryGetValue(path, out entry);

    /// <summary>The value's location at <paramref name="path"/>, or that of the nearest ancestor written in the file.</summary>
    public SourceLocation Locate(string path)
    {
        var current = path;
        while (true)
        {
            if (_entries.TryGetValue(current, out var entry))
            {
                return entry.Value with { Path = path };
            }

            if (current.Length == 0)
            {
                return new SourceLocation(File, 0, 0, path);
            }

            var slash = current.LastIndexOf('/');
            current = slash <= 0 ? string.Empty : current[..slash];
        }
    }

    /// <summary>The key's location at <paramref name="path"/> (for a list item or the root, its value's), or the nearest ancestor's.</summary>
    public SourceLocation LocateKey(string path) =>
        _entries.TryGetValue(path, out var entry) ? entry.Key : Locate(path);

    public static string Child(string path, string key) => path + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Child(string path, int index) => path + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal void Add(string path, SourceLocation key, SourceLocation value) => _entries.TryAdd(path, new SourceMapEntry(key, value));
}
