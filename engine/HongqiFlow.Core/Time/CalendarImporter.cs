using System.Text;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Time;

/// <summary>
/// Brings a new State Council notice into a calendar file in one step: the year's holidays and make-up days are replaced,
/// everything else (other years, working hours, the header comment) is kept, and the file is written canonically.
/// </summary>
public static class CalendarImporter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The calendar with <paramref name="notice"/>'s year replaced: entries dated in that year, and entries on any date
    /// the notice names (it may reach into the year before), give way to the notice's entries.
    /// </summary>
    public static CalendarDefinition Merge(CalendarDefinition calendar, HolidayCnYear notice)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(notice);
        var named = notice.Dates.ToHashSet();
        bool Replaced(CalendarDay day) => day.Date.Year == notice.Year || named.Contains(day.Date);
        var notices = calendar.Notices.Where(n => n.Year != notice.Year)
            .Concat(notice.Papers.Select(url => new HolidayNotice(notice.Year, url)));
        return calendar with
        {
            Holidays = calendar.Holidays.Where(d => !Replaced(d)).Concat(notice.Holidays).OrderBy(d => d.Date).ToArray(),
            MakeUpDays = calendar.MakeUpDays.Where(d => !Replaced(d)).Concat(notice.MakeUpDays).OrderBy(d => d.Date).ToArray(),
            Notices = notices.OrderBy(n => n.Year).ThenBy(n => n.Url, StringComparer.Ordinal).ToArray(),
        };
    }

    /// <summary>
    /// Imports a holiday-cn year file into a calendar file and rewrites it when something changed.
    /// Throws <see cref="DefinitionException"/> with located diagnostics when either file is bad; nothing is written then.
    /// </summary>
    public static CalendarImportResult ImportFile(string holidayCnPath, string calendarPath)
    {
        ArgumentNullException.ThrowIfNull(holidayCnPath);
        ArgumentNullException.ThrowIfNull(calendarPath);
        var diagnostics = new DiagnosticBag();
        var json = ReadText(holidayCnPath, $"holiday-cn file", diagnostics);
        var notice = json is null ? null : HolidayCnParser.Parse(json, holidayCnPath, diagnostics);
        var text = ReadText(calendarPath, $"calendar file", diagnostics);
        var calendar = text is null ? null : CalendarReader.Read(text, calendarPath, diagnostics);
        if (notice is null || calendar is null || text is null || diagnostics.HasErrors)
        {
            throw new DefinitionException(diagnostics.Sorted());
        }

        var merged = Merge(calendar, notice);
        var written = CalendarWriter.Write(merged, CalendarWriter.LeadingComment(text));
        var check = new DiagnosticBag();
        if (CalendarReader.Read(written, calendarPath, check) is null || check.HasErrors)
        {
            // The notice itself can clash with the calendar, e.g. a make-up day on a date the calendar calls a holiday.
            throw new DefinitionException(check.Sorted());
        }

        var changed = !string.Equals(written, text, StringComparison.Ordinal);
        if (changed)
        {
            File.WriteAllText(calendarPath, written, Utf8NoBom);
        }

        return new CalendarImportResult(calendarPath, notice.Year, notice.Holidays.Count, notice.MakeUpDays.Count, changed);
    }

    private static string? ReadText(string path, FormattableString what, DiagnosticBag diagnostics)
    {
        var where = new SourceLocation(path, 0, 0, string.Empty);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                diagnostics.Report(Severity.Error, CalendarCodes.File, $"the {what} does not exist", where);
                return null;
            }

            if (info.Length > CalendarReader.MaxFileBytes)
            {
                diagnostics.Report(Severity.Error, CalendarCodes.File, $"the {what} is {info.Length} bytes, over the limit of {CalendarReader.MaxFileBytes}", where);
                return null;
            }

            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Report(Severity.Error, CalendarCodes.File, $"the {what} cannot be read: {e.Message}", where);
            return null;
        }
    }
}
