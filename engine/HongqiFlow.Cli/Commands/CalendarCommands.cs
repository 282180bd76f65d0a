using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using HongqiFlow.Diagnostics;
using HongqiFlow.Time;

namespace HongqiFlow.Cli.Commands;

/// <summary><c>hongqi calendar import</c> and <c>hongqi calendar add-working-days</c>.</summary>
internal static partial class CalendarCommands
{
    internal const string DefaultCalendar = "definitions/calendars/cn-mainland.yaml";

    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    internal static Command Create()
    {
        var command = new Command("calendar", "Working-day calendars (工作日历): import a holiday notice, count working days");
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(CreateAddWorkingDays());
        return command;
    }

    private static Option<string> CalendarOption() => new("--calendar", "-c")
    {
        Description = "The calendar file (YAML)",
        DefaultValueFactory = _ => DefaultCalendar,
        HelpName = "FILE.yaml",
    };

    private static Command CreateImport()
    {
        var file = new Argument<string>("FILE.json") { Description = "A holiday-cn year file, e.g. 2027.json from github.com/NateScarlet/holiday-cn" };
        var calendar = CalendarOption();
        var command = new Command("import", "Replace one year's holidays and make-up working days in a calendar file with a holiday-cn year file")
        {
            file,
            calendar,
        };
        command.SetAction(parse => CliRun.Run(parse, output =>
        {
            var result = CalendarImporter.ImportFile(parse.GetValue(file)!, parse.GetValue(calendar)!);
            output.WriteLine(result.Changed
                ? $"imported {result.Year} into {result.CalendarPath}: {result.Holidays} holidays, {result.MakeUpDays} make-up working days"
                : $"{result.CalendarPath} already holds {result.Year} as given ({result.Holidays} holidays, {result.MakeUpDays} make-up working days); nothing written");
        }));
        return command;
    }

    private static Command CreateAddWorkingDays()
    {
        var from = new Option<string>("--from")
        {
            Description = "The start instant, e.g. 2024-09-30T09:00+08:00 (without an offset: the calendar's local time)",
            Required = true,
            HelpName = "INSTANT",
        };
        var days = new Option<string>("--days")
        {
            Description = "Working days to add, e.g. 3 or 0.5",
            Required = true,
            HelpName = "N",
        };
        var rule = new Option<string>("--rule")
        {
            Description = "How to count: whole-days (the start day is not counted; the Nth working day ends at close of business) or elapsed (working time from the start instant); default: the calendar's dayCounting",
            HelpName = "RULE",
        };
        rule.AcceptOnlyFromAmong([.. DayCountingNames.All]);
        var calendar = CalendarOption();
        var command = new Command("add-working-days", "Print the instant N working days after a start, the counting rule applied, and the non-working days skipped")
        {
            from,
            days,
            rule,
            calendar,
        };
        command.SetAction(parse => CliRun.Run(parse, output =>
        {
            var definition = CalendarReader.ReadFile(parse.GetValue(calendar)!);
            var working = new WorkingCalendar(definition);
            var count = ParseDays(parse.GetValue(days)!);
            var start = ParseInstant(parse.GetValue(from)!, working.TimeZone);
            var counting = parse.GetValue(rule) is { } named && DayCountingNames.TryParse(named, out var chosen) ? chosen : working.DayCounting;
            AddWorkingDays(working, start, count, output, counting);
        }));
        return command;
    }

    internal static void AddWorkingDays(WorkingCalendar calendar, DateTimeOffset start, decimal days, TextWriter output, DayCounting rule = DayCounting.WholeDays)
    {
        var duration = Duration.WorkingDays(days);
        var localStart = TimeZoneInfo.ConvertTime(start, calendar.TimeZone);
        var result = calendar.Due(start, duration, rule);
        var countFrom = calendar.CountFrom(start, duration, rule);
        var firstDay = calendar.LocalDate(start);
        var lastDay = calendar.LocalDate(result);
        var skipped = calendar.NonWorkingDaysBetween(firstDay, lastDay);
        output.WriteLine($"calendar  {calendar}");
        output.WriteLine($"from      {Instant(localStart)}");
        output.WriteLine($"add       {duration} (1wd = {Hours(calendar.WorkingDayLength)} of working time)");
        output.WriteLine(Deadlines.CountsWholeDays(duration, rule)
            ? $"rule      {rule.Name()}: the start day is not counted; counting begins {Instant(countFrom)} and the last working day ends at close of business (民法典 第二百零一条、第二百零三条, 行政许可法 第八十二条)"
            : rule == DayCounting.WholeDays
                ? $"rule      {rule.Name()}, but {duration} is under one working day: elapsed working time from the start instant"
                : $"rule      {rule.Name()}: working time counted from the start instant");
        output.WriteLine($"result    {Instant(result)}");
        output.WriteLine(skipped.Count == 0 ? "skipped   no non-working days" : $"skipped   {skipped.Count} non-working day{(skipped.Count == 1 ? string.Empty : "s")}:");
        foreach (var day in skipped)
        {
            output.WriteLine($"          {Day(day)}  {calendar.HolidayName(day) ?? "weekend"}");
        }

        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (calendar.MakeUpDayName(day) is { } festival)
            {
                output.WriteLine($"worked    {Day(day)}  make-up working day (调休) for {festival}");
            }
        }

        for (var year = firstDay.Year; year <= lastDay.Year; year++)
        {
            if (!calendar.Covers(new DateOnly(year, 1, 1)))
            {
                output.WriteLine($"warning   calendar '{calendar.Id}' has no holiday notice for {year}: only weekends were skipped there; run 'hongqi calendar import {year}.json'");
            }
        }
    }

    /// <summary>Turns expected failures into a clear message and exit code 1; the user never sees a stack trace.</summary>

    private static decimal ParseDays(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var days))
        {
            throw new FormatException($"--days '{text}' is not a number of working days; write e.g. 3 or 0.5");
        }

        return days;
    }

    internal static DateTimeOffset ParseInstant(string text, TimeZoneInfo zone)
    {
        var trimmed = text.Trim();
        if (HasOffset().IsMatch(trimmed)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        if (!HasOffset().IsMatch(trimmed)
            && DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
        }

        throw new FormatException($"--from '{text}' is not an instant; write e.g. 2024-09-30T09:00+08:00");
    }

    private static string Instant(DateTimeOffset instant) =>
        $"{instant.ToString(InstantFormat, CultureInfo.InvariantCulture)} {instant.DayOfWeek}";

    private static string Day(DateOnly day) =>
        $"{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {day.DayOfWeek,-9}";

    private static string Hours(TimeSpan span) =>
        span.Minutes == 0 ? $"{(int)span.TotalHours}h" : $"{(int)span.TotalHours}h{span.Minutes:00}min";

    [GeneratedRegex(@"\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}
