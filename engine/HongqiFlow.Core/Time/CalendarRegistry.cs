using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Time;

/// <summary>
/// The calendars of a catalog (definitions/calendars/*.yaml) by id: what an item's <c>calendar:</c> refers to.
/// Immutable once loaded; the validator asks <see cref="Contains"/>, the engine asks <see cref="Get"/>.
/// </summary>
public sealed class CalendarRegistry
{
    private readonly FrozenDictionary<string, WorkingCalendar> _calendars;

    public CalendarRegistry(IEnumerable<WorkingCalendar> calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        var byId = new Dictionary<string, WorkingCalendar>(StringComparer.Ordinal);
        foreach (var calendar in calendars)
        {
            if (!byId.TryAdd(calendar.Id, calendar))
            {
                throw new ArgumentException($"calendar id '{calendar.Id}' is given twice", nameof(calendars));
            }
        }

        _calendars = byId.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static CalendarRegistry Empty { get; } = new([]);

    /// <summary>Ids in ordinal order.</summary>
    public IReadOnlyList<string> Ids => [.. _calendars.Keys.Order(StringComparer.Ordinal)];

    public int Count => _calendars.Count;

    public bool Contains(string id) => _calendars.ContainsKey(id);

    public bool TryGet(string id, [NotNullWhen(true)] out WorkingCalendar? calendar) => _calendars.TryGetValue(id, out calendar);

    /// <summary>The calendar with this id; an unknown id throws a <see cref="DefinitionException"/> that suggests a near one.</summary>
    public WorkingCalendar Get(string id) =>
        TryGet(id, out var calendar)
            ? calendar
            : throw new DefinitionException([UnknownCalendar(id, SourceLocation.None)]);

    /// <summary>The diagnostic for an id this registry does not hold, with a "did you mean" when one is close.</summary>
    public Diagnostic UnknownCalendar(string id, SourceLocation at)
    {
        var fix = Suggestions.DidYouMeanText(id, _calendars.Keys)
            ?? (Count == 0 ? $"add a calendar file to definitions/calendars" : (FormattableString)$"known calendars: {string.Join(", ", Ids)}");
        return Diagnostic.Of(CalendarCodes.UnknownCalendar, Severity.Error, $"unknown calendar '{id}'", at, fix);
    }

    /// <summary>Loads every *.yaml/*.yml in <paramref name="folder"/>; throws <see cref="DefinitionException"/> when any has errors.</summary>
    public static CalendarRegistry LoadFolder(string folder)
    {
        var diagnostics = new DiagnosticBag();
        var registry = LoadFolder(folder, diagnostics);
        return diagnostics.HasErrors ? throw new DefinitionException(diagnostics.Sorted()) : registry;
    }

    /// <summary>
    /// Loads every calendar file in <paramref name="folder"/> that reads clean, collecting every problem of the others.
    /// A file's id must be its file name, so that an item's <c>calendar: cn-mainland</c> finds cn-mainland.yaml.
    /// </summary>
    public static CalendarRegistry LoadFolder(string folder, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!Directory.Exists(folder))
        {
            diagnostics.Report(Severity.Error, CalendarCodes.File, $"the calendar folder does not exist", new SourceLocation(folder, 0, 0, string.Empty), $"calendars live in definitions/calendars");
            return Empty;
        }

        var files = Directory.EnumerateFiles(folder, "*.yaml").Concat(Directory.EnumerateFiles(folder, "*.yml")).Order(StringComparer.Ordinal);
        var calendars = new Dictionary<string, WorkingCalendar>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (CalendarReader.ReadFile(file, diagnostics) is not { } definition)
            {
                continue;
            }

            var idAt = definition.At with { Path = "/id" };
            var fileName = Path.GetFileNameWithoutExtension(file);
            if (!string.Equals(definition.Id, fileName, StringComparison.Ordinal))
            {
                diagnostics.Report(Severity.Error, CalendarCodes.IdNotFileName, $"calendar id '{definition.Id}' is not the file name '{fileName}'", idAt, $"rename the file to {definition.Id}.yaml or set id: {fileName}");
                continue;
            }

            if (calendars.ContainsKey(definition.Id))
            {
                diagnostics.Report(Severity.Error, CalendarCodes.DuplicateId, $"calendar id '{definition.Id}' is defined twice", idAt, $"keep one of the .yaml and .yml files");
                continue;
            }

            calendars.Add(definition.Id, new WorkingCalendar(definition));
        }

        return new CalendarRegistry(calendars.Values);
    }
}
