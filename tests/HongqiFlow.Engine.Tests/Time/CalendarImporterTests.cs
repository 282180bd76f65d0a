using HongqiFlow.Diagnostics;
using HongqiFlow.Time;

namespace HongqiFlow.Tests.Time;

public sealed class CalendarImporterTests
{
    private const string Seed = """
        # 测试日历 / test calendar
        # kept through imports

        id: cn-mainland
        name: 中国大陆工作日历（国务院节假日安排）
        timeZone: Asia/Shanghai
        workingWeekdays: [monday, tuesday, wednesday, thursday, friday]
        workingHours: [09:00-12:00, 13:00-17:00]
        notices: []
        holidays: []
        makeUpDays: []

        """;

    [Fact]
    public void ImportFile_SameYearAgain_LeavesTheShippedFileByteIdentical()
    {
        using var folder = new TempFolder();
        var calendar = folder.File("cn-mainland.yaml");
        File.Copy(CalendarFiles.CnMainlandPath, calendar);
        var before = File.ReadAllBytes(calendar);

        var result = CalendarImporter.ImportFile(CalendarFiles.HolidayCn(2024), calendar);

        result.ShouldBe(new CalendarImportResult(calendar, 2024, 28, 8, Changed: false));
        File.ReadAllBytes(calendar).ShouldBe(before);
    }

    [Fact]
    public void ImportFile_AllFourYearsInAnyOrder_RebuildsTheShippedFileExactly()
    {
        using var folder = new TempFolder();
        var calendar = folder.File("cn-mainland.yaml");
        var header = CalendarWriter.LeadingComment(File.ReadAllText(CalendarFiles.CnMainlandPath));
        File.WriteAllText(calendar, header + Seed[Seed.IndexOf("id:", StringComparison.Ordinal)..]);

        foreach (var year in new[] { 2026, 2023, 2025, 2024 })
        {
            CalendarImporter.ImportFile(CalendarFiles.HolidayCn(year), calendar).Changed.ShouldBeTrue();
        }

        File.ReadAllText(calendar).ShouldBe(File.ReadAllText(CalendarFiles.CnMainlandPath));
    }

    [Fact]
    public void ImportFile_NewYear_ReplacesThatYearAndKeepsTheRest()
    {
        using var folder = new TempFolder();
        var calendar = folder.Write("cal.yaml", Seed.Replace("id: cn-mainland", "id: cal", StringComparison.Ordinal)
            .Replace("holidays: []", "holidays:\n  - { date: 2024-03-01, name: 旧的 }\n  - { date: 2025-01-01, name: 元旦 }", StringComparison.Ordinal));

        CalendarImporter.ImportFile(CalendarFiles.HolidayCn(2024), calendar);

        var text = File.ReadAllText(calendar);
        text.ShouldStartWith("# 测试日历 / test calendar\n# kept through imports\n\nid: cal\n");
        text.ShouldNotContain("旧的");
        text.ShouldContain("  # 2025\n  - { date: 2025-01-01, name: 元旦 }\n");
        text.ShouldContain("  - { date: 2024-10-12, name: 国庆节 }\n");
        text.ShouldContain("  - { year: 2024, url: \"https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm\" }\n");
    }

    [Fact]
    public void Merge_NoticeReachingIntoThePreviousYear_ReplacesThatDayToo()
    {
        var calendar = CalendarReader.Read(Seed.Replace("holidays: []", "holidays:\n  - { date: 2022-12-31, name: 旧名 }", StringComparison.Ordinal), "seed.yaml", new DiagnosticBag())!;
        var notice = HolidayCnParser.Parse(File.ReadAllText(CalendarFiles.HolidayCn(2023)), "2023.json", new DiagnosticBag())!;

        var merged = CalendarImporter.Merge(calendar, notice);

        merged.Holidays[0].ShouldBe(new CalendarDay(new DateOnly(2022, 12, 31), "元旦"));
        merged.Holidays.Count.ShouldBe(27);
    }

    [Fact]
    public void Parse_HolidayCn2024_SplitsHolidaysFromMakeUpDays()
    {
        var diagnostics = new DiagnosticBag();

        var year = HolidayCnParser.Parse(File.ReadAllText(CalendarFiles.HolidayCn(2024)), "2024.json", diagnostics);

        diagnostics.Items.ShouldBeEmpty();
        year.ShouldNotBeNull();
        year.Year.ShouldBe(2024);
        year.MakeUpDays.Select(d => d.Date.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(["02-04", "02-18", "04-07", "04-28", "05-11", "09-14", "09-29", "10-12"]);
        year.Holidays.Count(d => d.Name == "国庆节").ShouldBe(7);
    }

    [Fact]
    public void Parse_MalformedJson_IsLocatedAtTheFault()
    {
        var json = "{\n  \"year\": 2027,\n  \"days\": [\n    { \"name\": \"元旦\", \"date\": \"2027-01-01\", \"isOffDay\": true,, }\n  ]\n}\n";
        var diagnostics = new DiagnosticBag();

        HolidayCnParser.Parse(json, "2027.json", diagnostics).ShouldBeNull();

        var diagnostic = diagnostics.Items.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe(CalendarCodes.ImportSyntax);
        diagnostic.Location.ShouldBe(new SourceLocation("2027.json", 4, 60, string.Empty));
        diagnostic.Message.ShouldStartWith("the holiday-cn file is not well-formed JSON: ");
    }

    [Fact]
    public void Parse_BadDateAndMissingFlag_AreEachLocated()
    {
        var json = """
            {
              "year": 2027,
              "days": [
                { "name": "元旦", "date": "2027-02-30", "isOffDay": true },
                { "name": "春节", "date": "2027-02-06" }
              ]
            }
            """;
        var diagnostics = new DiagnosticBag();

        HolidayCnParser.Parse(json, "2027.json", diagnostics).ShouldBeNull();

        diagnostics.Sorted().Select(d => (d.Code, d.Location.Line, d.Location.Column, d.Message)).ShouldBe([
            (CalendarCodes.ImportContent, 4, 29, "'2027-02-30' is not a date"),
            (CalendarCodes.ImportContent, 5, 5, "a day has no isOffDay"),
        ]);
    }

    [Fact]
    public void ImportFile_MalformedJson_ThrowsLocatedAndWritesNothing()
    {
        using var folder = new TempFolder();
        var calendar = folder.File("cn-mainland.yaml");
        File.Copy(CalendarFiles.CnMainlandPath, calendar);
        var before = File.ReadAllBytes(calendar);
        var json = folder.Write("2027.json", "{ \"year\": 2027, \"days\": [ { \"name\": \"元旦\" ");

        var error = Should.Throw<DefinitionException>(() => CalendarImporter.ImportFile(json, calendar));

        var diagnostic = error.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe(CalendarCodes.ImportSyntax);
        diagnostic.Location.File.ShouldBe(json);
        diagnostic.Location.Line.ShouldBe(1);
        File.ReadAllBytes(calendar).ShouldBe(before);
    }
}
