using System.Reflection;
using System.Xml.Linq;

namespace HongqiFlow.Tests.Architecture;

/// <summary>
/// The projects under engine/ and the layers they may reference (docs/architecture.md). A project references only
/// the layers below it: a reference upwards, or one that skips the table, fails here, read both from the project
/// files and from the compiled assemblies.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>Each project and the projects its project file may reference.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["HongqiFlow.Core"] = [],
        ["HongqiFlow.Language"] = ["HongqiFlow.Core"],
        ["HongqiFlow.Storage"] = ["HongqiFlow.Core"],
        ["HongqiFlow.Storage.Sql"] = ["HongqiFlow.Storage"],
        ["HongqiFlow.Storage.Sqlite"] = ["HongqiFlow.Storage.Sql"],
        ["HongqiFlow.Storage.Postgres"] = ["HongqiFlow.Storage.Sql"],
        ["HongqiFlow.Application"] = ["HongqiFlow.Core", "HongqiFlow.Language", "HongqiFlow.Storage", "HongqiFlow.Storage.Sqlite"],
        ["HongqiFlow.Demo"] = ["HongqiFlow.Application"],
        ["HongqiFlow.Testing"] = ["HongqiFlow.Storage"],
        ["HongqiFlow.Server"] = ["HongqiFlow.Application", "HongqiFlow.Demo", "HongqiFlow.Storage.Postgres"],
        ["HongqiFlow.Cli"] = ["HongqiFlow.Application", "HongqiFlow.Demo", "HongqiFlow.Storage.Postgres", "HongqiFlow.Server"],
    };

    /// <summary>Assembly names differ from project names only for the CLI.</summary>
    private static readonly Dictionary<string, string> AssemblyNames = new(StringComparer.Ordinal) { ["HongqiFlow.Cli"] = "hongqi" };

    /// <summary>Packages that open a store or host a process; the core decides and must run without them.</summary>
    private static readonly string[] StorageAndHostingPackages =
        ["Microsoft.Data.Sqlite", "Npgsql", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Http", "Microsoft.AspNetCore"];

    private static readonly string[] Products = [.. Allowed.Keys.Where(p => p != "HongqiFlow.Testing")];

    [Fact]
    public void EveryProjectUnderEngine_HasALayer()
    {
        var projects = Directory.GetDirectories(Repository.Path("engine"))
            .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .Select(Path.GetFileName).ToList();

        projects.Where(p => !Allowed.ContainsKey(p!)).ShouldBeEmpty("give the new project a row in LayeringTests.Allowed and docs/architecture.md");
        Allowed.Keys.Where(p => !projects.Contains(p)).ShouldBeEmpty("a project in the table is gone; remove its row");
    }

    [Fact]
    public void ProjectFiles_ReferenceOnlyTheLayersBelow()
    {
        var wrong = Allowed.Keys
            .SelectMany(p => ProjectReferences(p).Where(r => !Allowed[p].Contains(r)).Select(r => $"{p} -> {r}"))
            .ToList();

        wrong.ShouldBeEmpty("a project may reference only the layers below it (docs/architecture.md)");
    }

    [Fact]
    public void CompiledAssemblies_ReferenceOnlyTheLayersBelow()
    {
        var wrong = new List<string>();
        foreach (var project in Allowed.Keys)
        {
            var below = Below(project).Select(AssemblyName).ToHashSet(StringComparer.Ordinal);
            var references = Load(project).GetReferencedAssemblies().Select(a => a.Name!)
                .Where(n => n.StartsWith("HongqiFlow.", StringComparison.Ordinal) || n == "hongqi");
            wrong.AddRange(references.Where(r => !below.Contains(r)).Select(r => $"{project} -> {r}"));
        }

        wrong.ShouldBeEmpty("a compiled assembly uses a layer that is not below it");
    }

    [Fact]
    public void TheTable_HasNoCycle_AndNoProductReferencesTesting()
    {
        foreach (var project in Allowed.Keys)
        {
            Below(project).ShouldNotContain(project, $"{project} reaches itself");
        }

        Products.Where(p => Below(p).Contains("HongqiFlow.Testing")).ShouldBeEmpty("test doubles do not ship in the product");
    }

    [Fact]
    public void Core_UsesNoStorageOrHostingPackage()
    {
        var packages = Project("HongqiFlow.Core").Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!).ToList();
        packages.Where(p => StorageAndHostingPackages.Any(s => p.StartsWith(s, StringComparison.Ordinal))).ShouldBeEmpty();

        var references = Load("HongqiFlow.Core").GetReferencedAssemblies().Select(a => a.Name!).ToList();
        references.Where(r => StorageAndHostingPackages.Any(s => r.StartsWith(s, StringComparison.Ordinal)) || r.StartsWith("System.Data", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    [Fact]
    public void ProductProjects_ShowTheirInternalsOnlyToTests()
    {
        var wrong = Products
            .SelectMany(p => Project(p).Descendants("InternalsVisibleTo").Select(e => (Project: p, Friend: (string)e.Attribute("Include")!)))
            .Where(x => !x.Friend.EndsWith(".Tests", StringComparison.Ordinal) && x.Friend != "HongqiFlow.Benchmarks")
            .Select(x => $"{x.Project} -> {x.Friend}")
            .ToList();

        wrong.ShouldBeEmpty("a product project uses another's public API, not its internals");
    }

    [Fact]
    public void EveryNamespace_LivesInOneAssembly()
    {
        var split = Allowed.Keys
            .SelectMany(p => Types(Load(p)).Select(t => t.Namespace).Where(n => n?.StartsWith("HongqiFlow", StringComparison.Ordinal) == true)
                .Distinct().Select(n => (Namespace: n!, Project: p)))
            .GroupBy(x => x.Namespace)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Project))}")
            .ToList();

        split.ShouldBeEmpty("a namespace is split across assemblies");
    }

    private static XDocument Project(string project) => XDocument.Load(Repository.Path("engine", project, project + ".csproj"));

    private static IEnumerable<string> ProjectReferences(string project) =>
        Project(project).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(((string)e.Attribute("Include")!).Replace('\\', '/')));

    /// <summary>Everything a project may use: its allowed references and theirs.</summary>
    private static HashSet<string> Below(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(Allowed[project]);
        while (queue.TryDequeue(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in Allowed[next])
                {
                    queue.Enqueue(reference);
                }
            }
        }

        return seen;
    }

    private static string AssemblyName(string project) => AssemblyNames.GetValueOrDefault(project, project);

    private static Assembly Load(string project) => Assembly.Load(AssemblyName(project));

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
