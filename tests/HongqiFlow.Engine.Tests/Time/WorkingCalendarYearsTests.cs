using HongqiFlow.Time;
using static HongqiFlow.Tests.Time.CalendarFiles;

namespace HongqiFlow.Tests.Time;

/// <summary>
/// The calendar resolves each local year once and remembers the year it last walked; these pin the answers at the
/// seams of that: year ends, switching between years, and a zone whose offset changes during the year.
/// </summary>
public sealed class WorkingCalendarYearsTests
{
    [Fact]
    public void Add_AcrossNewYear2025_SkipsNewYearsDayAndEndsInTheNextYear()
    {
        // 1h left on Tuesday 2024-12-31, 2025-01-01 is 元旦, then 6h of Thursday 2025-01-02.
        CnMainland.Add(Beijing("2024-12-31 16:00"), Duration.WorkingDays(1)).ShouldBe(Beijing("2025-01-02 16:00"));
    }

    [Fact]
    public void WorkingTimeBetween_AcrossNewYear2025_CountsBothYears() =>
        CnMainland.WorkingTimeBetween(Beijing("2024-12-31 09:00"), Beijing("2025-01-02 12:00")).ShouldBe(TimeSpan.FromHours(10));

    [Fact]
    public void Add_AlternatingBetweenYears_GivesEachYearsOwnAnswer()
    {
        var calendar = new WorkingCalendar(CalendarReader.ReadFile(CnMainlandPath));

        calendar.Add(Beijing("2024-09-30 09:00"), Duration.WorkingDays(3)).ShouldBe(Beijing("2024-10-09 17:00"));
        calendar.Add(Beijing("2026-02-14 17:00"), Duration.WorkingDays(1)).ShouldBe(Beijing("2026-02-24 17:00"));
        calendar.Add(Beijing("2024-09-27 09:00"), Duration.WorkingDays(2)).ShouldBe(Beijing("2024-09-29 17:00"));
    }

    [Fact]
    public void LocalDate_JustAfterBeijingMidnightOnNewYear_IsTheNewYearAfterAWalkInTheOldOne()
    {
        var calendar = new WorkingCalendar(CalendarReader.ReadFile(CnMainlandPath));
        calendar.Add(Beijing("2024-12-30 09:00"), Duration.WorkingHours(1));

        calendar.LocalDate(new DateTimeOffset(2024, 12, 31, 16, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2025, 1, 1));
        calendar.LocalDate(new DateTimeOffset(2024, 12, 31, 15, 59, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2024, 12, 31));
    }

    [Theory]
    [InlineData("2024-03-30T23:30:00Z", "2024-03-31")] // 00:30 +01:00, the night summer time begins
    [InlineData("2024-03-31T22:30:00Z", "2024-04-01")] // 00:30 +02:00
    [InlineData("2024-10-26T22:30:00Z", "2024-10-27")] // 00:30 +02:00, the night summer time ends
    [InlineData("2024-10-27T23:30:00Z", "2024-10-28")] // 00:30 +01:00
    public void LocalDate_InBerlinAroundTheOffsetChanges_IsTheLocalDay(string instant, string expected)
    {
        var calendar = new WorkingCalendar(CalendarWriterTests.Calendar);
        calendar.Add(new DateTimeOffset(2024, 3, 29, 16, 0, 0, TimeSpan.FromHours(1)), Duration.Parse("2wh"));

        calendar.LocalDate(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }
}
