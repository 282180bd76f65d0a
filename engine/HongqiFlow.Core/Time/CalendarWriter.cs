using System.Globalization;
using System.Text;

namespace HongqiFlow.Time;

/// <summary>
/// Writes a calendar file in one canonical layout (sorted dates, one entry a line, a comment before each year), so an
/// import that changes nothing writes the same bytes and a changed notice shows as a small diff in review.
/// </summary>
public static class CalendarWriter
{
    /// <summary>
    /// The text of <paramref name="calendar"/>, preceded by <paramref name="header"/> (comment lines, kept verbatim).
    /// Line ends are LF and the text ends with one.
    /// </summary>
    public static string Write(CalendarDefinition calendar, string? header = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(header))
        {
            text.Append(header.ReplaceLineEndings("\n"));
            if (!header.EndsWith('\n'))
            {
                text.Append('\n');
            }
        }

        Line(text, $"id: {Scalar(calendar.Id)}");
        Line(text, $"name: {Scalar(calendar.Name)}");
        Line(text, $"timeZone: {Scalar(calendar.TimeZone)}");
        Line(text, $"workingWeekdays: [{string.Join(", ", calendar.WorkingWeekdays.Order().Select(WeekdayName))}]");
        Line(text, $"workingHours: [{string.Join(", ", calendar.WorkingHours.OrderBy(h => h.Start))}]");
        Line(text, $"dayCounting: {calendar.DayCounting.Name()}");
        if (calendar.Notices.IsEmpty)
        {
            Line(text, "notices: []");
        }
        else
        {
            Line(text, "notices:");
            foreach (var notice in calendar.Notices.OrderBy(n => n.Year).ThenBy(n => n.Url, StringComparer.Ordinal))
            {
                Line(text, $"  - {{ year: {notice.Year.ToString(CultureInfo.InvariantCulture)}, url: {Quoted(notice.Url)} }}");
            }
        }

        Days(text, "holidays", calendar.Holidays);
        Days(text, "makeUpDays", calendar.MakeUpDays);
        return text.ToString();
    }

    /// <summary>The comment lines (and blank lines) at the top of a calendar file, which a rewrite keeps.</summary>
    public static string LeadingComment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.ReplaceLineEndings("\n");
        var end = 0;
        while (end < normalized.Length)
        {
            var next = normalized.IndexOf('\n', end);
            var line = next < 0 ? normalized[end..] : normalized[end..next];
            var trimmed = line.TrimStart();
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                break;
            }

            end = next < 0 ? normalized.Length : next + 1;
        }

        return normalized[..end];
    }

    private static void Days(StringBuilder text, string key, IEnumerable<CalendarDay> days)
    {
        var sorted = days.OrderBy(d => d.Date).ToList();
        if (sorted.Count == 0)
        {
            Line(text, $"{key}: []");
            return;
        }

        Line(text, $"{key}:");
        int? year = null;
        foreach (var day in sorted)
        {
            if (day.Date.Year != year)
            {
                year = day.Date.Year;
                Line(text, $"  # {year.Value.ToString(CultureInfo.InvariantCulture)}");
            }

            Line(text, $"  - {{ date: {CalendarReader.Iso(day.Date)}, name: {Scalar(day.Name)} }}");
        }
    }

    private static string WeekdayName(DayOfWeek day) => CalendarReader.WeekdayNames[((int)day + 6) % 7];

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    /// <summary>Plain when YAML reads it back as the same text inside a flow mapping; double-quoted otherwise.</summary>
    private static string Scalar(string value)
    {
        var plain = value.Length > 0
            && value.Trim() == value
            && value.IndexOfAny([',', '[', ']', '{', '}', ':', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '\n', '\r', '\t', '\\']) < 0
            && !"-?".Contains(value[0], StringComparison.Ordinal)
            && !decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            && !IsReserved(value);
        return plain ? value : Quoted(value);
    }

    private static bool IsReserved(string value) => value.ToLowerInvariant() is "null" or "~" or "true" or "false" or "yes" or "no" or "on" or "off";

    private static string Quoted(string value)
    {
        var escaped = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return escaped.Append('"').ToString();
    }
}
