using System.Reflection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace HongqiFlow.Server.Web;

/// <summary>
/// The built web app (designer/dist) as resources of this assembly, named <c>web/&lt;path&gt;</c>: a release build
/// (<c>scripts/release</c>, MSBuild property <c>HongqiEmbedWeb=true</c>) carries it inside the single <c>hongqi</c> file.
/// Development builds embed nothing and the server serves designer/dist from disk.
/// </summary>
public sealed class EmbeddedWebApp : IFileProvider
{
    public const string Prefix = "web/";

    private readonly Assembly _assembly;
    private readonly Dictionary<string, string> _resources;
    private readonly DateTimeOffset _built;

    private EmbeddedWebApp(Assembly assembly, Dictionary<string, string> resources)
    {
        _assembly = assembly;
        _resources = resources;
        _built = Environment.ProcessPath is { } binary && File.Exists(binary) ? File.GetLastWriteTimeUtc(binary) : DateTimeOffset.UnixEpoch;
    }

    /// <summary>The embedded web app of <paramref name="assembly"/> (this one by default), or null when it carries none.</summary>
    public static EmbeddedWebApp? Find(Assembly? assembly = null)
    {
        assembly ??= typeof(EmbeddedWebApp).Assembly;
        var resources = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(name => name[Prefix.Length..], name => name, StringComparer.Ordinal);
        return resources.ContainsKey("index.html") ? new EmbeddedWebApp(assembly, resources) : null;
    }

    /// <summary>How many files it holds (for the start log).</summary>
    public int Count => _resources.Count;

    /// <summary>
    /// The web app the server serves and where it comes from: the configured folder (<c>Hongqi:Web</c>; none when it
    /// holds no index.html), else the one embedded in a release build, else designer/dist of a checkout or wwwroot next
    /// to the binary; null when there is none.
    /// </summary>
    public static (IFileProvider Files, string Source)? Resolve(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured) && Find() is { } embedded)
        {
            return (embedded, $"the binary ({embedded.Count} embedded files)");
        }

        return Paths.ResolveWeb(configured) is { } folder ? (new PhysicalFileProvider(folder), folder) : null;
    }

    public IFileInfo GetFileInfo(string subpath)
    {
        var key = Normalize(subpath);
        return _resources.TryGetValue(key, out var name)
            ? new Entry(_assembly, name, Path.GetFileName(key), _built)
            : new NotFoundFileInfo(subpath ?? string.Empty);
    }

    public IDirectoryContents GetDirectoryContents(string subpath)
    {
        var key = Normalize(subpath);
        var folder = key.Length == 0 ? string.Empty : key.TrimEnd('/') + "/";
        var files = _resources
            .Where(pair => pair.Key.StartsWith(folder, StringComparison.Ordinal) && !pair.Key[folder.Length..].Contains('/', StringComparison.Ordinal))
            .Select(pair => (IFileInfo)new Entry(_assembly, pair.Value, pair.Key[folder.Length..], _built))
            .ToList();
        var isFolder = folder.Length == 0 || _resources.Keys.Any(k => k.StartsWith(folder, StringComparison.Ordinal));
        return isFolder ? new Contents(files) : NotFoundDirectoryContents.Singleton;
    }

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private static string Normalize(string? subpath) => (subpath ?? string.Empty).Replace('\\', '/').TrimStart('/');

    private sealed class Entry(Assembly assembly, string resource, string name, DateTimeOffset modified) : IFileInfo
    {
        public bool Exists => true;

        public long Length
        {
            get
            {
                using var stream = CreateReadStream();
                return stream.Length;
            }
        }

        public string? PhysicalPath => null;

        public string Name => name;

        public DateTimeOffset LastModified => modified;

        public bool IsDirectory => false;

        public Stream CreateReadStream() =>
            assembly.GetManifestResourceStream(resource) ?? throw new FileNotFoundException($"embedded web app file {resource} is missing");
    }

    private sealed class Contents(List<IFileInfo> files) : IDirectoryContents
    {
        public bool Exists => true;

        public IEnumerator<IFileInfo> GetEnumerator() => files.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
