using HongqiFlow.Time;
using static HongqiFlow.Tests.Time.CalendarFiles;

namespace HongqiFlow.Tests.Time;

public sealed class WorkingCalendarAddTests
{
    private static readonly WorkingCalendar Calendar = CnMainland;

    [Theory]
    [InlineData("2024-09-30 09:00", "3", "2024-10-09 17:00")] // Oct 1–7 off: Monday, then Tuesday 8th and Wednesday 9th
    [InlineData("2024-09-30 17:00", "1", "2024-10-08 17:00")] // closing time Monday: the next working day is after the holiday
    [InlineData("2024-09-27 09:00", "2", "2024-09-29 17:00")] // Friday, then make-up Sunday 2024-09-29
    [InlineData("2024-10-11 13:00", "1", "2024-10-12 12:00")] // Friday afternoon 4h, make-up Saturday 2024-10-12 morning 3h
    [InlineData("2024-10-12 17:00", "1", "2024-10-14 17:00")] // after the make-up Saturday, Sunday is an ordinary rest day
    [InlineData("2024-09-02 09:00", "20", "2024-09-29 17:00")] // September 2024: make-up 14th, Mid-Autumn 15–17th, make-up 29th
    public void Add_WorkingDaysAcrossNationalDay2024_EndsOnTheExpectedInstant(string start, string days, string expected) =>
        Calendar.Add(Beijing(start), Duration.WorkingDays(decimal.Parse(days, System.Globalization.CultureInfo.InvariantCulture)))
            .ShouldBe(Beijing(expected));

    [Theory]
    [InlineData("2026-02-13 13:00", "1", "2026-02-14 12:00")] // Friday afternoon, then make-up Saturday morning
    [InlineData("2026-02-14 17:00", "1", "2026-02-24 17:00")] // Feb 15–23 off
    [InlineData("2026-02-14 09:00", "2", "2026-02-24 17:00")]
    [InlineData("2026-02-24 09:00", "5", "2026-02-28 17:00")] // four weekdays, then make-up Saturday 2026-02-28
    [InlineData("2026-02-16 10:00", "0.5", "2026-02-24 13:30")] // a start inside the holiday begins on the first day back
    public void Add_WorkingDaysAcrossSpringFestival2026_EndsOnTheExpectedInstant(string start, string days, string expected) =>
        Calendar.Add(Beijing(start), Duration.WorkingDays(decimal.Parse(days, System.Globalization.CultureInfo.InvariantCulture)))
            .ShouldBe(Beijing(expected));

    [Theory]
    [InlineData("2024-09-26 09:00", "2024-09-26 13:30")] // 3h before lunch, 0.5h after
    [InlineData("2024-09-26 13:00", "2024-09-26 16:30")]
    [InlineData("2024-09-26 10:30", "2024-09-26 15:00")] // 1.5h + 2h across lunch
    [InlineData("2024-09-26 15:00", "2024-09-27 10:30")] // 2h Thursday, 1.5h Friday
    [InlineData("2024-09-26 12:15", "2024-09-26 16:30")] // a start during lunch begins at 13:00
    public void Add_HalfWorkingDay_IsThreeAndAHalfWorkingHours(string start, string expected) =>
        Calendar.Add(Beijing(start), Duration.Parse("0.5wd")).ShouldBe(Beijing(expected));

    [Theory]
    [InlineData("2024-09-26 09:00", "3wh", "2024-09-26 12:00")] // ends at noon, not after lunch
    [InlineData("2024-09-26 11:30", "1wh", "2024-09-26 13:30")] // crosses the lunch break
    [InlineData("2024-09-26 12:30", "1wh", "2024-09-26 14:00")] // starts during lunch
    [InlineData("2024-09-26 18:00", "1wh", "2024-09-27 10:00")] // starts after closing time
    [InlineData("2024-09-26 06:00", "1wh", "2024-09-26 10:00")] // starts before opening time
    [InlineData("2024-11-06 09:00", "15wh", "2024-11-08 10:00")] // 7h a day: 15wh is two days and one hour
    [InlineData("2024-09-26 09:00", "15wh", "2024-09-29 10:00")] // Thursday, Friday, then make-up Sunday
    [InlineData("2024-09-26 09:00", "1wd", "2024-09-26 17:00")] // 1wd from opening ends at closing the same day
    public void Add_WorkingHours_CountsOnlyWorkingTime(string start, string duration, string expected) =>
        Calendar.Add(Beijing(start), Duration.Parse(duration)).ShouldBe(Beijing(expected));

    [Theory]
    [InlineData("2024-11-02 10:00", "1wd", "2024-11-04 17:00")] // Saturday start begins Monday 09:00
    [InlineData("2024-11-03 23:59", "1wh", "2024-11-04 10:00")] // Sunday night
    public void Add_WeekendStart_BeginsOnTheNextWorkingMorning(string start, string duration, string expected) =>
        Calendar.Add(Beijing(start), Duration.Parse(duration)).ShouldBe(Beijing(expected));

    [Fact]
    public void Add_StartGivenInUtc_IsReadInBeijingTimeAndAnsweredInBeijingOffset()
    {
        var result = Calendar.Add(new DateTimeOffset(2024, 9, 30, 1, 0, 0, TimeSpan.Zero), Duration.Parse("1wh"));

        result.ShouldBe(Beijing("2024-09-30 10:00"));
        result.Offset.ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public void Add_UtcInstantOnPreviousUtcDay_FallsOnTheBeijingDay()
    {
        // 2024-09-29T23:30Z is Monday 07:30 in Beijing, before opening.
        Calendar.Add(new DateTimeOffset(2024, 9, 29, 23, 30, 0, TimeSpan.Zero), Duration.Parse("1wh"))
            .ShouldBe(Beijing("2024-09-30 10:00"));
    }

    [Theory]
    [InlineData("2d", "2024-10-02 09:00")]
    [InlineData("5h", "2024-09-30 14:00")]
    [InlineData("90min", "2024-09-30 10:30")]
    public void Add_NaturalUnits_IgnoreWorkingHoursAndHolidays(string duration, string expected) =>
        Calendar.Add(Beijing("2024-09-30 09:00"), Duration.Parse(duration)).ShouldBe(Beijing(expected));

    [Fact]
    public void Add_NegativeDuration_IsRefused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.Add(Beijing("2024-09-30 09:00"), Duration.WorkingDays(-1)));

    [Fact]
    public void Add_TwentyWorkingDays_AllocatesAlmostNothing()
    {
        var start = Beijing("2024-09-02 09:00");
        Calendar.Add(start, Duration.WorkingDays(20));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Calendar.Add(start, Duration.WorkingDays(20));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        result.ShouldBe(Beijing("2024-09-29 17:00"));
        allocated.ShouldBeLessThan(1024);
    }

    [Theory]
    [InlineData("2024-09-29", true)] // make-up Sunday
    [InlineData("2024-10-12", true)] // make-up Saturday
    [InlineData("2024-10-01", false)]
    [InlineData("2024-10-07", false)] // a Monday inside the holiday
    [InlineData("2024-10-13", false)]
    [InlineData("2026-02-28", true)]
    [InlineData("2026-02-23", false)]
    public void IsWorkingDay_FollowsTheStateCouncilNotices(string date, bool working) =>
        Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(working);

    [Fact]
    public void WorkingDayLength_WithLunchBreak_IsSevenHours() => Calendar.WorkingDayLength.ShouldBe(TimeSpan.FromHours(7));

    [Fact]
    public void Add_AfterTheLastNotice_CountsWeekdaysAndSaysTheYearIsNotCovered()
    {
        Calendar.Covers(new DateOnly(2026, 12, 31)).ShouldBeTrue();
        Calendar.Covers(new DateOnly(2027, 1, 1)).ShouldBeFalse();
        Calendar.Add(Beijing("2027-01-01 09:00"), Duration.WorkingDays(1)).ShouldBe(Beijing("2027-01-01 17:00"));
    }

    [Fact]
    public void Add_AcrossADaylightSavingChange_KeepsLocalWorkingHours()
    {
        // Berlin moves to summer time on Sunday 2024-03-31: Friday is +01:00, Monday +02:00.
        var calendar = new WorkingCalendar(CalendarWriterTests.Calendar);

        var result = calendar.Add(new DateTimeOffset(2024, 3, 29, 16, 0, 0, TimeSpan.FromHours(1)), Duration.Parse("2wh"));

        result.ShouldBe(new DateTimeOffset(2024, 4, 1, 10, 0, 0, TimeSpan.FromHours(2)));
        result.Offset.ShouldBe(TimeSpan.FromHours(2));
    }
}
