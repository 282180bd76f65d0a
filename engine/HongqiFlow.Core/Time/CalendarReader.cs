using System.Globalization;
using System.Text.RegularExpressions;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Time;

/// <summary>
/// Reads a calendar file (docs/calendars.md) and reports every problem with its file:line:column before giving up,
/// so a clerk fixing a calendar sees all mistakes at once.
/// </summary>
public static partial class CalendarReader
{
    /// <summary>A calendar for decades of notices stays far below this; anything larger is not a calendar.</summary>
    public const int MaxFileBytes = 1_000_000;

    internal static readonly string[] WeekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static readonly string[] TopKeys = ["id", "name", "timeZone", "workingWeekdays", "workingHours", "dayCounting", "holidays", "makeUpDays", "notices"];
    private static readonly string[] DayKeys = ["date", "name"];
    private static readonly string[] NoticeKeys = ["year", "url"];

    /// <summary>Reads a calendar file; throws <see cref="DefinitionException"/> carrying every diagnostic when it has errors.</summary>
    public static CalendarDefinition ReadFile(string path)
    {
        var diagnostics = new DiagnosticBag();
        var calendar = ReadFile(path, diagnostics);
        return calendar is not null && !diagnostics.HasErrors ? calendar : throw new DefinitionException(diagnostics.Sorted());
    }

    /// <summary>Reads a calendar file; null when it has errors (all of them in <paramref name="diagnostics"/>).</summary>
    public static CalendarDefinition? ReadFile(string path, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var where = new SourceLocation(path, 0, 0, string.Empty);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                diagnostics.Report(Severity.Error, CalendarCodes.File, $"the calendar file does not exist", where, $"check the path; calendars live in definitions/calendars");
                return null;
            }

            if (info.Length > MaxFileBytes)
            {
                diagnostics.Report(Severity.Error, CalendarCodes.File, $"the calendar file is {info.Length} bytes, over the limit of {MaxFileBytes}", where);
                return null;
            }

            return Read(File.ReadAllText(path), path, diagnostics);
        }
        catch (IOException e)
        {
            diagnostics.Report(Severity.Error, CalendarCodes.File, $"the calendar file cannot be read: {e.Message}", where);
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            diagnostics.Report(Severity.Error, CalendarCodes.File, $"the calendar file cannot be read: {e.Message}", where);
            return null;
        }
    }

    /// <summary>Reads calendar text; <paramref name="file"/> is only used to locate diagnostics.</summary>
    public static CalendarDefinition? Read(string text, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (text.Length > MaxFileBytes)
        {
            diagnostics.Report(Severity.Error, CalendarCodes.File, $"the calendar text is {text.Length} characters, over the limit of {MaxFileBytes}", new SourceLocation(file, 1, 1, "/"));
            return null;
        }

        var errorsBefore = diagnostics.Items.Count(d => d.Severity == Severity.Error);
        var root = YamlTree.Parse(text, file, diagnostics);
        if (root is null)
        {
            return null;
        }

        var calendar = new Walker(file, diagnostics).Calendar(root);
        var errorsAfter = diagnostics.Items.Count(d => d.Severity == Severity.Error);
        return errorsAfter == errorsBefore ? calendar : null;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*")]
    private static partial Regex IdPattern();

    /// <summary>Walks the tree once, collecting problems; returns a definition even when some parts were bad.</summary>
    private sealed class Walker(string file, DiagnosticBag diagnostics)
    {
        public CalendarDefinition? Calendar(YamlTree root)
        {
            if (Expect<YamlTree.Mapping>(root, "/", $"the calendar") is not { } map)
            {
                return null;
            }

            var fields = Fields(map, "/", TopKeys, ["id", "name", "timeZone", "workingWeekdays", "workingHours"]);
            var id = Text(fields, "id", "/id");
            if (id is not null && !IdPattern().IsMatch(id.Value))
            {
                Error(CalendarCodes.InvalidId, $"calendar id '{id.Value}' is not lower-case kebab-case", id, "/id", $"write e.g. cn-mainland");
            }

            var name = Text(fields, "name", "/name");
            if (name is not null && string.IsNullOrWhiteSpace(name.Value))
            {
                Error(CalendarCodes.EmptyName, $"the calendar name is empty", name, "/name", $"write what the calendar is, e.g. 中国大陆工作日历");
            }

            var zone = Text(fields, "timeZone", "/timeZone");
            if (zone is not null)
            {
                CheckTimeZone(zone);
            }

            var weekdays = Weekdays(fields.GetValueOrDefault("workingWeekdays"));
            var hours = Hours(fields.GetValueOrDefault("workingHours"));
            var counting = Counting(fields);
            var holidays = Days(fields.GetValueOrDefault("holidays"), "/holidays");
            var makeUps = Days(fields.GetValueOrDefault("makeUpDays"), "/makeUpDays");
            var notices = Notices(fields.GetValueOrDefault("notices"));

            var holidayDates = holidays.Select(h => h.Day.Date).ToHashSet();
            foreach (var (day, node, path) in makeUps)
            {
                if (holidayDates.Contains(day.Date))
                {
                    Error(CalendarCodes.HolidayAndMakeUpDay, $"{Iso(day.Date)} is both a holiday and a make-up working day", node, path, $"keep it in one list only");
                }
                else if (weekdays.Contains(day.Date.DayOfWeek))
                {
                    diagnostics.Report(Severity.Warning, CalendarCodes.MakeUpDayOnWorkingWeekday,
                        $"make-up day {Iso(day.Date)} is a {day.Date.DayOfWeek}, already a working weekday, so it changes nothing",
                        YamlTree.Locate(file, node.Start, path), $"check the date against the notice");
                }
            }

            return new CalendarDefinition
            {
                Id = id?.Value ?? string.Empty,
                Name = name?.Value ?? string.Empty,
                TimeZone = zone?.Value ?? string.Empty,
                WorkingWeekdays = weekdays.Order().ToArray(),
                WorkingHours = hours.OrderBy(h => h.Start).ToArray(),
                DayCounting = counting,
                Holidays = holidays.Select(h => h.Day).OrderBy(d => d.Date).ToArray(),
                MakeUpDays = makeUps.Select(h => h.Day).OrderBy(d => d.Date).ToArray(),
                Notices = notices.OrderBy(n => n.Year).ToArray(),
                At = YamlTree.Locate(file, map.Start, "/"),
            };
        }

        private DayCounting Counting(Dictionary<string, YamlTree> fields)
        {
            var node = Text(fields, "dayCounting", "/dayCounting");
            if (node is null)
            {
                return DayCounting.WholeDays;
            }

            if (DayCountingNames.TryParse(node.Value, out var rule))
            {
                return rule;
            }

            Error(CalendarCodes.BadDayCounting, $"'{node.Value}' is not a day-counting rule; use whole-days or elapsed", node, "/dayCounting",
                Suggestions.DidYouMeanText(node.Value, [.. DayCountingNames.All]) ?? $"write whole-days (the law's count) or elapsed");
            return DayCounting.WholeDays;
        }

        private void CheckTimeZone(YamlTree.Scalar zone)
        {
            if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Value, out var iana) && !zone.Value.Contains('/', StringComparison.Ordinal))
            {
                Error(CalendarCodes.UnknownTimeZone, $"'{zone.Value}' is a Windows time zone id; calendars use IANA ids", zone, "/timeZone", $"write {iana}");
            }
            else if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone.Value, out _))
            {
                Error(CalendarCodes.UnknownTimeZone, $"'{zone.Value}' is not a known IANA time zone", zone, "/timeZone", $"write e.g. Asia/Shanghai");
            }
        }

        private List<DayOfWeek> Weekdays(YamlTree? node)
        {
            var result = new List<DayOfWeek>();
            if (node is null || Expect<YamlTree.Sequence>(node, "/workingWeekdays", $"workingWeekdays") is not { } list)
            {
                return result;
            }

            for (var i = 0; i < list.Items.Count; i++)
            {
                var path = $"/workingWeekdays/{i}";
                if (Expect<YamlTree.Scalar>(list.Items[i], path, $"a weekday") is not { } item)
                {
                    continue;
                }

                var index = Array.IndexOf(WeekdayNames, item.Value);
                if (index < 0)
                {
                    Error(CalendarCodes.BadWeekday, $"'{item.Value}' is not a weekday", item, path,
                        Suggestions.DidYouMeanText(item.Value, WeekdayNames) ?? $"write monday … sunday in lower case");
                    continue;
                }

                var day = (DayOfWeek)((index + 1) % 7);
                if (result.Contains(day))
                {
                    Error(CalendarCodes.BadWeekday, $"'{item.Value}' is listed twice", item, path, $"remove the repeat");
                    continue;
                }

                result.Add(day);
            }

            if (result.Count == 0 && list.Items.Count == 0)
            {
                Error(CalendarCodes.NoWorkingWeekdays, $"a calendar needs at least one working weekday", list, "/workingWeekdays", $"write e.g. [monday, tuesday, wednesday, thursday, friday]");
            }

            return result;
        }

        private List<WorkingHours> Hours(YamlTree? node)
        {
            var result = new List<(WorkingHours Hours, YamlTree.Scalar Node, string Path)>();
            if (node is null || Expect<YamlTree.Sequence>(node, "/workingHours", $"workingHours") is not { } list)
            {
                return [];
            }

            for (var i = 0; i < list.Items.Count; i++)
            {
                var path = $"/workingHours/{i}";
                if (Expect<YamlTree.Scalar>(list.Items[i], path, $"a working-hours interval") is not { } item)
                {
                    continue;
                }

                if (!WorkingHours.TryParse(item.Value, out var hours, out var error))
                {
                    Error(CalendarCodes.BadWorkingHours, error!, item, path);
                    continue;
                }

                result.Add((hours, item, path));
            }

            if (list.Items.Count == 0)
            {
                Error(CalendarCodes.NoWorkingHours, $"a calendar needs at least one working-hours interval", list, "/workingHours", $"write e.g. [09:00-12:00, 13:00-17:00]");
            }

            var sorted = result.OrderBy(r => r.Hours.Start).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].Hours.Start < sorted[i - 1].Hours.End)
                {
                    var (later, earlier) = sorted[i].Node.Start.Index > sorted[i - 1].Node.Start.Index ? (sorted[i], sorted[i - 1]) : (sorted[i - 1], sorted[i]);
                    Error(CalendarCodes.OverlappingHours, $"working hours {later.Hours} overlap {earlier.Hours}", later.Node, later.Path, $"make the intervals follow each other, e.g. 09:00-12:00 and 13:00-17:00");
                }
            }

            return [.. sorted.Select(s => s.Hours)];
        }

        private List<(CalendarDay Day, YamlTree Node, string Path)> Days(YamlTree? node, string listPath)
        {
            var result = new List<(CalendarDay, YamlTree, string)>();
            if (node is null || Expect<YamlTree.Sequence>(node, listPath, $"{listPath.TrimStart('/')}") is not { } list)
            {
                return result;
            }

            var seen = new HashSet<DateOnly>();
            for (var i = 0; i < list.Items.Count; i++)
            {
                var path = $"{listPath}/{i}";
                if (Expect<YamlTree.Mapping>(list.Items[i], path, $"an entry with date and name") is not { } entry)
                {
                    continue;
                }

                var fields = Fields(entry, path, DayKeys, DayKeys);
                var dateNode = Text(fields, "date", path + "/date");
                var nameNode = Text(fields, "name", path + "/name");
                if (nameNode is not null && string.IsNullOrWhiteSpace(nameNode.Value))
                {
                    Error(CalendarCodes.EmptyName, $"the entry has an empty name", nameNode, path + "/name", $"write the festival, e.g. 国庆节");
                }

                if (dateNode is null || ParseDate(dateNode, path + "/date") is not { } date)
                {
                    continue;
                }

                if (!seen.Add(date))
                {
                    Error(CalendarCodes.DuplicateDate, $"{Iso(date)} is listed twice in {listPath.TrimStart('/')}", dateNode, path + "/date", $"remove the repeat");
                    continue;
                }

                result.Add((new CalendarDay(date, nameNode?.Value ?? string.Empty), dateNode, path));
            }

            return result;
        }

        private List<HolidayNotice> Notices(YamlTree? node)
        {
            var result = new List<HolidayNotice>();
            if (node is null || Expect<YamlTree.Sequence>(node, "/notices", $"notices") is not { } list)
            {
                return result;
            }

            for (var i = 0; i < list.Items.Count; i++)
            {
                var path = $"/notices/{i}";
                if (Expect<YamlTree.Mapping>(list.Items[i], path, $"a notice with year and url") is not { } entry)
                {
                    continue;
                }

                var fields = Fields(entry, path, NoticeKeys, NoticeKeys);
                var year = Text(fields, "year", path + "/year");
                var url = Text(fields, "url", path + "/url");
                if (year is null || url is null)
                {
                    continue;
                }

                if (!int.TryParse(year.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1900 or > 2999)
                {
                    Error(CalendarCodes.BadNotice, $"'{year.Value}' is not a year", year, path + "/year", $"write e.g. 2025");
                }
                else if (!Uri.TryCreate(url.Value, UriKind.Absolute, out _))
                {
                    Error(CalendarCodes.BadNotice, $"'{url.Value}' is not an absolute URL", url, path + "/url", $"write the notice's address on www.gov.cn");
                }
                else
                {
                    result.Add(new HolidayNotice(y, url.Value));
                }
            }

            return result;
        }

        private DateOnly? ParseDate(YamlTree.Scalar node, string path)
        {
            if (DateOnly.TryParseExact(node.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Error(CalendarCodes.BadDate, $"'{node.Value}' is not a date", node, path, $"write yyyy-MM-dd, e.g. 2024-10-01");
            return null;
        }

        private Dictionary<string, YamlTree> Fields(YamlTree.Mapping map, string path, string[] allowed, string[] required)
        {
            var fields = new Dictionary<string, YamlTree>(StringComparer.Ordinal);
            foreach (var (key, value) in map.Entries)
            {
                var keyPath = $"{path.TrimEnd('/')}/{key.Value}";
                if (Array.IndexOf(allowed, key.Value) < 0)
                {
                    Error(CalendarCodes.UnknownKey, $"unknown key '{key.Value}'", key, keyPath,
                        Suggestions.DidYouMeanText(key.Value, allowed) ?? $"allowed here: {string.Join(", ", allowed)}");
                    continue;
                }

                fields[key.Value] = value;
            }

            foreach (var name in required)
            {
                if (!fields.ContainsKey(name))
                {
                    Error(CalendarCodes.MissingKey, $"'{name}' is missing", map, path, $"add {name}:");
                }
            }

            return fields;
        }

        private YamlTree.Scalar? Text(Dictionary<string, YamlTree> fields, string key, string path) =>
            fields.TryGetValue(key, out var node) ? Expect<YamlTree.Scalar>(node, path, $"{key}") : null;

        private T? Expect<T>(YamlTree node, string path, FormattableString what)
            where T : YamlTree
        {
            if (node is T typed)
            {
                return typed;
            }

            var expected = typeof(T) == typeof(YamlTree.Scalar) ? $"a text value" : typeof(T) == typeof(YamlTree.Sequence) ? (FormattableString)$"a list" : $"a mapping";
            Error(CalendarCodes.WrongShape, $"{what} must be {expected}, not {node.Kind}", node, path);
            return null;
        }

        private void Error(string code, FormattableString message, YamlTree node, string path, FormattableString? fix = null) =>
            diagnostics.Report(Severity.Error, code, message, YamlTree.Locate(file, node.Start, path), fix);
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
