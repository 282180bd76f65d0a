using HongqiFlow.Diagnostics;
using HongqiFlow.Time;

namespace HongqiFlow.Tests.Time;

public sealed class CalendarWriterTests
{
    internal static readonly CalendarDefinition Calendar = new()
    {
        Id = "berlin-office",
        Name = "Office: Berlin, \"main\"",
        TimeZone = "Europe/Berlin",
        WorkingWeekdays = new[] { DayOfWeek.Friday, DayOfWeek.Monday },
        WorkingHours = new[] { new WorkingHours(TimeSpan.FromHours(9), TimeSpan.FromHours(17)) },
        Holidays = new[] { new CalendarDay(new DateOnly(2024, 12, 25), "true"), new CalendarDay(new DateOnly(2024, 1, 1), "Neujahr # 1") },
    };

    [Fact]
    public void Write_NamesYamlWouldMisread_AreQuotedAndReadBackUnchanged()
    {
        var text = CalendarWriter.Write(Calendar, "# header");

        text.ShouldBe("""
            # header
            id: berlin-office
            name: "Office: Berlin, \"main\""
            timeZone: Europe/Berlin
            workingWeekdays: [monday, friday]
            workingHours: [09:00-17:00]
            dayCounting: whole-days
            notices: []
            holidays:
              # 2024
              - { date: 2024-01-01, name: "Neujahr # 1" }
              - { date: 2024-12-25, name: "true" }
            makeUpDays: []

            """.ReplaceLineEndings("\n"));
        var diagnostics = new DiagnosticBag();
        CalendarReader.Read(text, "berlin-office.yaml", diagnostics).ShouldBe(Calendar with
        {
            WorkingWeekdays = new[] { DayOfWeek.Monday, DayOfWeek.Friday },
            Holidays = new[] { Calendar.Holidays[1], Calendar.Holidays[0] },
        });
        diagnostics.Items.ShouldBeEmpty();
    }

    [Fact]
    public void LeadingComment_OfTheShippedCalendar_IsTheBilingualHeader()
    {
        var header = CalendarWriter.LeadingComment(File.ReadAllText(CalendarFiles.CnMainlandPath));

        header.ShouldStartWith("# 中国大陆工作日历");
        header.ShouldContain("# Update it with one command when next year's notice is out: hongqi calendar import 2027.json\n");
        header.ShouldEndWith("keep the layout.\n\n");
    }
}
