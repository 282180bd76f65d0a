using HongqiFlow.Time;
using static HongqiFlow.Tests.Time.CalendarFiles;

namespace HongqiFlow.Tests.Time;

public sealed class WorkingTimeBetweenTests
{
    private static readonly WorkingCalendar Calendar = CnMainland;

    [Theory]
    [InlineData("2024-09-30 09:00", "2024-10-08 09:00", 7)] // only Monday; Oct 1–7 off
    [InlineData("2024-09-30 09:00", "2024-10-12 17:00", 42)] // Sep 30, Oct 8–12 (12th make-up Saturday)
    [InlineData("2024-09-26 11:00", "2024-09-26 13:30", 1.5)] // lunch does not count
    [InlineData("2024-09-26 12:10", "2024-09-26 12:50", 0)]
    [InlineData("2024-09-28 08:00", "2024-09-28 18:00", 0)] // an ordinary Saturday
    [InlineData("2024-09-29 08:00", "2024-09-29 18:00", 7)] // make-up Sunday
    [InlineData("2026-02-13 09:00", "2026-02-25 09:00", 21)] // Fri 13th, make-up Sat 14th, Tue 24th
    public void WorkingTimeBetween_TwoInstants_CountsOnlyWorkingHours(string from, string to, double hours) =>
        Calendar.WorkingTimeBetween(Beijing(from), Beijing(to)).ShouldBe(TimeSpan.FromHours(hours));

    [Fact]
    public void WorkingTimeBetween_EndBeforeStart_IsZero() =>
        Calendar.WorkingTimeBetween(Beijing("2024-09-27 10:00"), Beijing("2024-09-26 10:00")).ShouldBe(TimeSpan.Zero);

    [Fact]
    public void WorkingDaysBetween_AcrossSpringFestival2026_IsThree() =>
        Calendar.WorkingDaysBetween(Beijing("2026-02-13 09:00"), Beijing("2026-02-25 09:00")).ShouldBe(3m);

    [Fact]
    public void WorkingDaysBetween_MorningAndHalfAnHourAfterLunch_IsHalfADay() =>
        Calendar.WorkingDaysBetween(Beijing("2024-09-26 09:00"), Beijing("2024-09-26 13:30")).ShouldBe(0.5m);

    [Theory]
    [InlineData("2024-09-26 10:17", "3.5wd")]
    [InlineData("2024-09-27 16:59", "2wd")]
    [InlineData("2024-09-30 12:30", "4.25wd")]
    [InlineData("2026-02-13 11:00", "1.75wd")]
    public void WorkingTimeBetween_StartAndAddedDuration_GivesTheDurationBack(string start, string duration)
    {
        var from = Beijing(start);
        var parsed = Duration.Parse(duration);

        Calendar.WorkingTimeBetween(from, Calendar.Add(from, parsed))
            .ShouldBe(TimeSpan.FromTicks((long)(parsed.Value * Calendar.WorkingDayLength.Ticks)));
    }

    [Fact]
    public void WorkingTimeBetween_OverlappingPauses_AreRemovedOnce()
    {
        // Mon 23rd 09:00 to Fri 27th 17:00 is 35h. Pauses Tue 09:00–Wed 12:00 and Wed 10:00–15:00 merge into
        // Tue 09:00–Wed 15:00: 7h on Tuesday and 5h on Wednesday.
        var pauses = new[]
        {
            (Beijing("2024-09-24 09:00"), Beijing("2024-09-25 12:00")),
            (Beijing("2024-09-25 10:00"), Beijing("2024-09-25 15:00")),
        };

        Calendar.WorkingTimeBetween(Beijing("2024-09-23 09:00"), Beijing("2024-09-27 17:00"), pauses).ShouldBe(TimeSpan.FromHours(23));
    }

    [Fact]
    public void WorkingTimeBetween_PauseStillOpen_RemovesEverythingFromItsStart()
    {
        var pauses = new[]
        {
            (Beijing("2024-09-26 13:00"), DateTimeOffset.MaxValue),
        };

        // Mon–Wed 21h and Thursday morning 3h remain.
        Calendar.WorkingTimeBetween(Beijing("2024-09-23 09:00"), Beijing("2024-09-27 17:00"), pauses).ShouldBe(TimeSpan.FromHours(24));
    }

    [Fact]
    public void WorkingTimeBetween_PauseBeganBeforeTheClock_RemovesOnlyTheOverlap()
    {
        var pauses = new[]
        {
            (Beijing("2024-09-20 09:00"), Beijing("2024-09-23 10:00")),
            (Beijing("2024-09-27 16:00"), Beijing("2024-09-27 16:30")),
        };

        Calendar.WorkingTimeBetween(Beijing("2024-09-23 09:00"), Beijing("2024-09-27 17:00"), pauses).ShouldBe(TimeSpan.FromHours(33.5));
    }

    [Fact]
    public void WorkingTimeBetween_PauseAcrossNationalDay_RemovesOnlyWorkingTime()
    {
        // The pause covers Sep 30 afternoon and Oct 8 morning; the holiday in between held no working time anyway.
        var pauses = new[] { (Beijing("2024-09-30 13:00"), Beijing("2024-10-08 12:00")) };

        Calendar.WorkingTimeBetween(Beijing("2024-09-30 09:00"), Beijing("2024-10-08 17:00"), pauses).ShouldBe(TimeSpan.FromHours(7));
    }

    [Fact]
    public void WorkingTimeBetween_NoPauses_EqualsPlainWorkingTime() =>
        Calendar.WorkingTimeBetween(Beijing("2024-09-23 09:00"), Beijing("2024-09-27 17:00"), []).ShouldBe(TimeSpan.FromHours(35));

    [Fact]
    public void WorkingTimeBetween_PauseEndingBeforeItStarts_IsRefused() =>
        Should.Throw<ArgumentException>(() => Calendar.WorkingTimeBetween(
            Beijing("2024-09-23 09:00"),
            Beijing("2024-09-27 17:00"),
            [(Beijing("2024-09-25 10:00"), Beijing("2024-09-24 10:00"))])).ParamName.ShouldBe("pauses");
}
