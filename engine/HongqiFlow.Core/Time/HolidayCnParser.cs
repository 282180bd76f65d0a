using System.Globalization;
using System.Text;
using System.Text.Json;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;

namespace HongqiFlow.Time;

/// <summary>
/// Reads a holiday-cn year file with a streaming JSON reader so every problem can name its line and column;
/// a document model would lose positions once parsed.
/// </summary>
public static class HolidayCnParser
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };

    /// <summary>Null when the file has errors; every error is in <paramref name="diagnostics"/>.</summary>
    public static HolidayCnYear? Parse(string json, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var bytes = Encoding.UTF8.GetBytes(json);
        var lines = new LineMap(bytes, file);
        var errorsBefore = diagnostics.Items.Count;
        try
        {
            var reader = new Utf8JsonReader(bytes, Options);
            var year = ReadRoot(ref reader, lines, diagnostics);
            return diagnostics.Items.Count == errorsBefore ? year : null;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var column = lines.Column(line, (int)(e.BytePositionInLine ?? 0));
            diagnostics.Report(Severity.Error, CalendarCodes.ImportSyntax, $"the holiday-cn file is not well-formed JSON: {FirstSentence(e.Message)}",
                new SourceLocation(file, line + 1, column, string.Empty), $"download the year file again from holiday-cn");
            return null;
        }
    }

    private static HolidayCnYear? ReadRoot(ref Utf8JsonReader reader, LineMap lines, DiagnosticBag diagnostics)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            diagnostics.Report(Severity.Error, CalendarCodes.ImportContent, $"a holiday-cn year file is a JSON object with year and days", lines.At(reader.TokenStartIndex, "/"));
            return null;
        }

        var rootAt = lines.At(reader.TokenStartIndex, "/");
        int? year = null;
        SourceLocation yearAt = rootAt;
        var days = new List<(string? Name, string? Date, bool? OffDay, SourceLocation At, SourceLocation DateAt)>();
        var papers = new List<string>();
        var sawDays = false;
        var sawYear = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "year":
                    sawYear = true;
                    yearAt = lines.At(reader.TokenStartIndex, "/year");
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var y) && y is >= 1900 and <= 2999)
                    {
                        year = y;
                    }
                    else
                    {
                        diagnostics.Report(Severity.Error, CalendarCodes.ImportContent, $"year must be a number such as 2025", yearAt);
                        reader.Skip();
                    }

                    break;
                case "papers" when reader.TokenType == JsonTokenType.StartArray:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            papers.Add(reader.GetString()!);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    break;
                case "days":
                    sawDays = true;
                    ReadDays(ref reader, lines, diagnostics, days);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (!sawYear)
        {
            diagnostics.Report(Severity.Error, CalendarCodes.ImportContent, $"the file has no year", rootAt, $"holiday-cn year files have \"year\": 2025");
        }

        if (!sawDays)
        {
            diagnostics.Report(Severity.Error, CalendarCodes.ImportContent, $"the file has no days", rootAt, $"holiday-cn year files list \"days\": [{{\"name\", \"date\", \"isOffDay\"}}]");
        }

        var holidays = new List<CalendarDay>();
        var makeUps = new List<CalendarDay>();
        var seen = new HashSet<DateOnly>();
        foreach (var day in days)
        {
            if (day.Name is null || day.Date is null || day.OffDay is null)
            {
                var missing = day.Name is null ? "name" : day.Date is null ? "date" : "isOffDay";
                diagnostics.Report(Severity.Error, CalendarCodes.ImportContent, $"a day has no {missing}", day.At, $"each day has name, date and isOffDay");
                continue;
            }

            if (!DateOnly.TryParseExact(day.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                diagnostics.Report(Severity.Error, CalendarCodes.ImportContent, $"'{day.Date}' is not a date", day.DateAt, $"dates are written yyyy-MM-dd");
                continue;
            }

            if (year is { } notice && Math.Abs(date.Year - notice) > 1)
            {
                diagnostics.Report(Severity.Error, CalendarCodes.ImportContent, $"{day.Date} is far outside the notice's year {notice}", day.DateAt, $"check the date or the year");
                continue;
            }

            if (!seen.Add(date))
            {
                diagnostics.Report(Severity.Error, CalendarCodes.ImportContent, $"{day.Date} is listed twice", day.DateAt);
                continue;
            }

            (day.OffDay.Value ? holidays : makeUps).Add(new CalendarDay(date, day.Name));
        }

        return year is null
            ? null
            : new HolidayCnYear(year.Value, holidays.OrderBy(d => d.Date).ToArray(), makeUps.OrderBy(d => d.Date).ToArray(), papers.ToArray());
    }

    private static void ReadDays(ref Utf8JsonReader reader, LineMap lines, DiagnosticBag diagnostics,
        List<(string? Name, string? Date, bool? OffDay, SourceLocation At, SourceLocation DateAt)> days)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            diagnostics.Report(Severity.Error, CalendarCodes.ImportContent, $"days must be a list", lines.At(reader.TokenStartIndex, "/days"));
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var path = $"/days/{days.Count}";
            var at = lines.At(reader.TokenStartIndex, path);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                diagnostics.Report(Severity.Error, CalendarCodes.ImportContent, $"each day must be an object with name, date and isOffDay", at);
                reader.Skip();
                continue;
            }

            string? name = null;
            string? date = null;
            bool? offDay = null;
            var dateAt = at;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.GetString();
                reader.Read();
                var valueAt = lines.At(reader.TokenStartIndex, $"{path}/{property}");
                switch (property)
                {
                    case "name" when reader.TokenType == JsonTokenType.String:
                        name = reader.GetString();
                        break;
                    case "date" when reader.TokenType == JsonTokenType.String:
                        date = reader.GetString();
                        dateAt = valueAt;
                        break;
                    case "isOffDay" when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                        offDay = reader.GetBoolean();
                        break;
                    case "name" or "date" or "isOffDay":
                        diagnostics.Report(Severity.Error, CalendarCodes.ImportContent, $"{property} has the wrong type", valueAt,
                            property == "isOffDay" ? $"write true or false" : (FormattableString)$"write a string");
                        reader.Skip();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            days.Add((name, date, offDay, at, dateAt));
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    /// <summary>Turns byte offsets into 1-based line and character column.</summary>
    private sealed class LineMap
    {
        private readonly byte[] _bytes;
        private readonly string _file;
        private readonly List<int> _starts = [0];

        public LineMap(byte[] bytes, string file)
        {
            _bytes = bytes;
            _file = file;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public SourceLocation At(long offset, string path)
        {
            var index = _starts.BinarySearch((int)offset);
            var line = index >= 0 ? index : ~index - 1;
            return new SourceLocation(_file, line + 1, Column(line, (int)offset - _starts[line]), path);
        }

        /// <summary>1-based column in characters, so a Chinese name before the fault does not push it right.</summary>
        public int Column(int line, int bytesInLine)
        {
            if (line < 0 || line >= _starts.Count)
            {
                return 1;
            }

            var start = _starts[line];
            var length = Math.Clamp(bytesInLine, 0, _bytes.Length - start);
            return Encoding.UTF8.GetCharCount(_bytes, start, length) + 1;
        }
    }
}
