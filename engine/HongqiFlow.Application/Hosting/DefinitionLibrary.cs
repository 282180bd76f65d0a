using HongqiFlow.Definitions.Catalog;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Expressions;
using HongqiFlow.Runtime;

namespace HongqiFlow.Hosting;

/// <summary>
/// The catalog of one folder, checked and compiled once: every valid item becomes a <see cref="CompiledDefinition"/>
/// found by item code or file name, optionally with <c>@version</c>. Disposing unloads compiled guards.
/// </summary>
public sealed class DefinitionLibrary : IDisposable
{
    private readonly Dictionary<(string Code, int Version), CompiledDefinition> _byVersion = [];
    private readonly Dictionary<string, string> _codeByName = new(StringComparer.Ordinal);
    private readonly List<GuardSet> _guardSets = [];

    private DefinitionLibrary(DefinitionEnvironment environment)
    {
        Environment = environment;
    }

    public DefinitionEnvironment Environment { get; }

    public IReadOnlyList<CheckedDefinition> Checked { get; private set; } = [];

    /// <summary>Every problem found in the folder: environment files and items.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => [.. Environment.Diagnostics, .. Checked.SelectMany(c => c.Diagnostics)];

    public IEnumerable<CompiledDefinition> Definitions => _byVersion.Values;

    /// <summary>Loads every item file under <paramref name="catalogRoot"/> (organization.yaml and calendars/ beside them).</summary>
    public static DefinitionLibrary Load(string catalogRoot)
    {
        var environment = DefinitionEnvironment.Load(catalogRoot);
        var library = new DefinitionLibrary(environment);
        var checker = new DefinitionChecker();
        var checkedItems = new List<CheckedDefinition>();
        foreach (var file in DefinitionChecker.ItemFiles([catalogRoot]))
        {
            var item = checker.CheckFile(file, environment);
            checkedItems.Add(item);
            if (item.IsValid)
            {
                library.Add(item.Model!, Path.GetFileNameWithoutExtension(file));
            }
        }

        library.Checked = checkedItems;
        return library;
    }

    /// <summary>Compiles a checked model on this library's calendars and organization, and makes it findable.</summary>
    public CompiledDefinition Add(ServiceItemDefinition model, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var compiled = Compile(model);
        _byVersion[(compiled.Code, compiled.Version)] = compiled;
        _codeByName[compiled.Code] = compiled.Code;
        if (name is not null)
        {
            _codeByName[name] = compiled.Code;
        }

        return compiled;
    }

    /// <summary>
    /// Compiles a model without making it findable (a version read from the store); its guards live as long as the
    /// library.
    /// </summary>
    public CompiledDefinition Compile(ServiceItemDefinition model)
    {
        var (compiled, guards) = Build(model);
        _guardSets.Add(guards);
        return compiled;
    }

    /// <summary>
    /// Compiles a model for one use (a draft under simulation): disposing the result unloads its guards at once,
    /// so a designer simulating again and again does not grow the server's memory.
    /// </summary>
    public ScratchDefinition CompileScratch(ServiceItemDefinition model)
    {
        var (compiled, guards) = Build(model);
        return new ScratchDefinition(compiled, guards);
    }

    /// <summary>How many guard sets the library keeps (and unloads when disposed).</summary>
    internal int GuardSetCount => _guardSets.Count;

    private (CompiledDefinition Compiled, GuardSet Guards) Build(ServiceItemDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Environment.Calendars.TryGet(model.Item.Calendar, out var calendar))
        {
            throw new DefinitionException([Environment.Calendars.UnknownCalendar(model.Item.Calendar, model.Item.At)]);
        }

        var guards = new GuardCompiler().Compile(CompiledDefinition.Expressions(model));
        try
        {
            return (CompiledDefinition.Compile(model, calendar, guards, Environment.Organization), guards);
        }
        catch
        {
            guards.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Finds a definition by item code or file name, with <c>@version</c> or else the highest version.
    /// </summary>
    public CompiledDefinition? Find(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var at = reference.LastIndexOf('@');
        var name = at < 0 ? reference : reference[..at];
        int? version = at < 0 ? null : int.TryParse(reference[(at + 1)..], out var v) ? v : -1;
        if (!_codeByName.TryGetValue(name, out var code))
        {
            return null;
        }

        if (version is { } exact)
        {
            return _byVersion.GetValueOrDefault((code, exact));
        }

        return _byVersion.Where(kv => kv.Key.Code == code).OrderByDescending(kv => kv.Key.Version).Select(kv => kv.Value).FirstOrDefault();
    }

    /// <summary>The names a reference may use, for "did you mean" messages.</summary>
    public IEnumerable<string> Names => _codeByName.Keys.Order(StringComparer.Ordinal);

    public void Dispose()
    {
        foreach (var guards in _guardSets)
        {
            guards.Dispose();
        }

        _guardSets.Clear();
    }
}

/// <summary>A definition compiled for one use; disposing it unloads its guards, after which it must not run.</summary>
public sealed class ScratchDefinition(CompiledDefinition definition, GuardSet guards) : IDisposable
{
    public CompiledDefinition Definition { get; } = definition;

    public void Dispose() => guards.Dispose();
}
