using HongqiFlow.Diagnostics;
using HongqiFlow.Time;

namespace HongqiFlow.Tests.Time;

public sealed class CalendarReaderTests
{
    private const string Valid = """
        id: test
        name: 测试日历
        timeZone: Asia/Shanghai
        workingWeekdays: [monday, tuesday, wednesday, thursday, friday]
        workingHours: [09:00-12:00, 13:00-17:00]
        holidays:
          - { date: 2024-10-01, name: 国庆节 }
        makeUpDays:
          - { date: 2024-10-12, name: 国庆节 }
        """;

    private static (CalendarDefinition? Calendar, IReadOnlyList<Diagnostic> Diagnostics) Read(string text)
    {
        var diagnostics = new DiagnosticBag();
        var calendar = CalendarReader.Read(text, "test.yaml", diagnostics);
        return (calendar, diagnostics.Sorted());
    }

    private static Diagnostic Single(string text, string code)
    {
        var (calendar, diagnostics) = Read(text);
        calendar.ShouldBeNull();
        diagnostics.ShouldHaveSingleItem().Code.ShouldBe(code);
        return diagnostics[0];
    }

    [Fact]
    public void Read_ValidCalendar_GivesEveryField()
    {
        var (calendar, diagnostics) = Read(Valid);

        diagnostics.ShouldBeEmpty();
        calendar.ShouldNotBeNull();
        calendar.Id.ShouldBe("test");
        calendar.Name.ShouldBe("测试日历");
        calendar.TimeZone.ShouldBe("Asia/Shanghai");
        calendar.WorkingWeekdays.ShouldBe([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);
        calendar.WorkingHours.ShouldBe([new WorkingHours(TimeSpan.FromHours(9), TimeSpan.FromHours(12)), new WorkingHours(TimeSpan.FromHours(13), TimeSpan.FromHours(17))]);
        calendar.Holidays.ShouldBe([new CalendarDay(new DateOnly(2024, 10, 1), "国庆节")]);
        calendar.MakeUpDays.ShouldBe([new CalendarDay(new DateOnly(2024, 10, 12), "国庆节")]);
    }

    [Fact]
    public void ReadFile_ShippedCnMainland_ReadsCleanWithFourNotices()
    {
        var diagnostics = new DiagnosticBag();
        var calendar = CalendarReader.ReadFile(CalendarFiles.CnMainlandPath, diagnostics);

        diagnostics.Items.ShouldBeEmpty();
        calendar.ShouldNotBeNull();
        calendar.Id.ShouldBe("cn-mainland");
        calendar.TimeZone.ShouldBe("Asia/Shanghai");
        calendar.Notices.Select(n => n.Year).ShouldBe([2023, 2024, 2025, 2026]);
        calendar.MakeUpDays.Count.ShouldBe(26);
    }

    [Fact]
    public void Read_BadDate_IsLocatedAtTheDate()
    {
        var diagnostic = Single(Valid.Replace("2024-10-01", "2024-13-01", StringComparison.Ordinal), CalendarCodes.BadDate);

        diagnostic.Location.ShouldBe(new SourceLocation("test.yaml", 7, 13, "/holidays/0/date"));
        diagnostic.Message.ShouldBe("'2024-13-01' is not a date");
        diagnostic.Fix.ShouldBe("write yyyy-MM-dd, e.g. 2024-10-01");
    }

    [Fact]
    public void Read_OverlappingWorkingHours_IsLocatedAtTheLaterInterval()
    {
        var diagnostic = Single(Valid.Replace("13:00-17:00", "11:00-17:00", StringComparison.Ordinal), CalendarCodes.OverlappingHours);

        diagnostic.Location.ShouldBe(new SourceLocation("test.yaml", 5, 29, "/workingHours/1"));
        diagnostic.Message.ShouldBe("working hours 11:00-17:00 overlap 09:00-12:00");
    }

    [Fact]
    public void Read_IntervalEndingBeforeItStarts_IsRefused()
    {
        var diagnostic = Single(Valid.Replace("13:00-17:00", "17:00-13:00", StringComparison.Ordinal), CalendarCodes.BadWorkingHours);

        diagnostic.Location.Line.ShouldBe(5);
        diagnostic.Location.Column.ShouldBe(29);
    }

    [Fact]
    public void Read_UnknownKey_SuggestsTheNearestKnownOne()
    {
        var (calendar, diagnostics) = Read(Valid.Replace("timeZone:", "timezone:", StringComparison.Ordinal));

        calendar.ShouldBeNull();
        diagnostics.Select(d => (d.Code, d.Location.Line, d.Location.Column)).ShouldBe([
            (CalendarCodes.MissingKey, 1, 1),
            (CalendarCodes.UnknownKey, 3, 1),
        ]);
        diagnostics[1].Fix.ShouldBe("did you mean 'timeZone'?");
    }

    [Fact]
    public void Read_DateBothHolidayAndMakeUpDay_IsLocatedAtTheMakeUpDay()
    {
        var diagnostic = Single(Valid.Replace("2024-10-12", "2024-10-01", StringComparison.Ordinal), CalendarCodes.HolidayAndMakeUpDay);

        diagnostic.Location.ShouldBe(new SourceLocation("test.yaml", 9, 13, "/makeUpDays/0"));
        diagnostic.Message.ShouldBe("2024-10-01 is both a holiday and a make-up working day");
    }

    [Fact]
    public void Read_SameHolidayTwice_IsLocatedAtTheRepeat()
    {
        var text = Valid.Replace("makeUpDays:", "  - { date: 2024-10-01, name: 国庆节 }\nmakeUpDays:", StringComparison.Ordinal);

        Single(text, CalendarCodes.DuplicateDate).Location.ShouldBe(new SourceLocation("test.yaml", 8, 13, "/holidays/1/date"));
    }

    [Fact]
    public void Read_MisspelledWeekday_SuggestsTheWeekday()
    {
        var diagnostic = Single(Valid.Replace("friday", "fryday", StringComparison.Ordinal), CalendarCodes.BadWeekday);

        diagnostic.Location.ShouldBe(new SourceLocation("test.yaml", 4, 57, "/workingWeekdays/4"));
        diagnostic.Fix.ShouldBe("did you mean 'friday'?");
        diagnostic.MessageZh.ShouldBe("“fryday”不是星期几");
        diagnostic.FixZh.ShouldBe("是否应为“friday”？");
    }

    [Fact]
    public void Read_WindowsTimeZoneId_AsksForTheIanaId()
    {
        var diagnostic = Single(Valid.Replace("Asia/Shanghai", "China Standard Time", StringComparison.Ordinal), CalendarCodes.UnknownTimeZone);

        diagnostic.Location.ShouldBe(new SourceLocation("test.yaml", 3, 11, "/timeZone"));
        diagnostic.Fix.ShouldBe("write Asia/Shanghai");
        diagnostic.MessageZh.ShouldBe("“China Standard Time”是 Windows 时区 id；日历使用 IANA 时区 id");
        diagnostic.FixZh.ShouldBe("改为 Asia/Shanghai");
    }

    [Fact]
    public void Read_WorkingHoursEndingBeforeTheyStart_ReadsInChineseToo()
    {
        var diagnostic = Single(Valid.Replace("13:00-17:00", "17:00-13:00", StringComparison.Ordinal), CalendarCodes.BadWorkingHours);

        diagnostic.Message.ShouldBe("working hours '17:00-13:00' end at or before they start; the end must be later than the start on the same day");
        diagnostic.MessageZh.ShouldBe("工作时段“17:00-13:00”的结束时间不晚于开始时间；结束时间必须在同一天内晚于开始时间");
    }

    [Fact]
    public void Read_UnknownTimeZone_IsRefused() =>
        Single(Valid.Replace("Asia/Shanghai", "Asia/Beijing", StringComparison.Ordinal), CalendarCodes.UnknownTimeZone)
            .Message.ShouldBe("'Asia/Beijing' is not a known IANA time zone");

    [Fact]
    public void Read_DuplicateKey_IsLocatedAtTheSecondKey() =>
        Single(Valid + "\nname: 又一个", CalendarCodes.DuplicateKey).Location.ShouldBe(new SourceLocation("test.yaml", 10, 1, "/name"));

    [Fact]
    public void Read_BrokenYaml_GivesASyntaxErrorWithItsLine()
    {
        var diagnostic = Single(Valid.Replace("- { date: 2024-10-01, name: 国庆节 }", "- { date: 2024-10-01, name: 国庆节", StringComparison.Ordinal), CalendarCodes.Syntax);

        diagnostic.Location.ShouldBe(new SourceLocation("test.yaml", 7, 5, string.Empty));
        diagnostic.Message.ShouldBe("the YAML cannot be read: a '{' or '[' opened here is never closed");
    }

    [Fact]
    public void Read_Alias_IsRefusedWhereItStands()
    {
        var text = Valid.Replace("name: 测试日历", "name: &n 测试日历", StringComparison.Ordinal)
            .Replace("makeUpDays:\n  - { date: 2024-10-12, name: 国庆节 }", "makeUpDays:\n  - { date: 2024-10-12, name: *n }", StringComparison.Ordinal);

        Single(text, CalendarCodes.Syntax).Location.ShouldBe(new SourceLocation("test.yaml", 2, 7, "/name"));
    }

    [Fact]
    public void Read_MakeUpDayOnAWeekday_WarnsButReads()
    {
        var (calendar, diagnostics) = Read(Valid.Replace("2024-10-12", "2024-10-10", StringComparison.Ordinal));

        calendar.ShouldNotBeNull();
        var warning = diagnostics.ShouldHaveSingleItem();
        (warning.Code, warning.Severity, warning.Location.Line).ShouldBe((CalendarCodes.MakeUpDayOnWorkingWeekday, Severity.Warning, 9));
    }

    [Fact]
    public void Read_SeveralMistakes_ReportsEveryOneOfThem()
    {
        var text = Valid.Replace("id: test", "id: Test_1", StringComparison.Ordinal)
            .Replace("13:00-17:00", "13:00-25:00", StringComparison.Ordinal)
            .Replace("2024-10-01", "2024-10-32", StringComparison.Ordinal)
            .Replace("workingWeekdays: [monday, tuesday, wednesday, thursday, friday]", "workingWeekdays: []", StringComparison.Ordinal);

        var (calendar, diagnostics) = Read(text);

        calendar.ShouldBeNull();
        diagnostics.Select(d => (d.Code, d.Location.Line)).ShouldBe([
            (CalendarCodes.InvalidId, 1),
            (CalendarCodes.NoWorkingWeekdays, 4),
            (CalendarCodes.BadWorkingHours, 5),
            (CalendarCodes.BadDate, 7),
        ]);
    }

    [Fact]
    public void ReadFile_MissingFile_SaysSo()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-calendar.yaml");

        var error = Should.Throw<DefinitionException>(() => CalendarReader.ReadFile(path));

        error.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(CalendarCodes.File);
        error.Message.ShouldBe($"{path}: error HQ4002: the calendar file does not exist (check the path; calendars live in definitions/calendars)");
    }
}
