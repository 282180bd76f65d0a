using HongqiFlow.Time;
using static HongqiFlow.Tests.Time.CalendarFiles;

namespace HongqiFlow.Tests.Time;

/// <summary>
/// The law's count of working days (民法典 第二百零一条、第二百零三条, 行政许可法 第八十二条) on the real cn-mainland
/// calendar: the worked examples of docs/calendars.md, across National Day 2024 (Sunday 09-29 and Saturday 10-12 worked)
/// and the Spring Festival 2026 (Saturday 02-14 and Saturday 02-28 worked).
/// </summary>
public sealed class DeadlinesTests
{
    private static readonly WorkingCalendar Calendar = CnMainland;

    [Theory]
    // National Day 2024: 10-01 … 10-07 off.
    [InlineData("2024-09-30 09:00", "3wd", "2024-10-10 17:00")] // Monday not counted: Tue 10-08, Wed 10-09, Thu 10-10.
    [InlineData("2024-09-30 16:55", "3wd", "2024-10-10 17:00")] // the hour of acceptance does not matter
    [InlineData("2024-09-30 18:30", "3wd", "2024-10-10 17:00")] // nor does acceptance after close of business
    [InlineData("2024-09-27 09:00", "3wd", "2024-10-08 17:00")] // Sun 09-29 (worked), Mon 09-30, Tue 10-08
    [InlineData("2024-10-02 10:00", "1wd", "2024-10-08 17:00")] // accepted online on a holiday
    [InlineData("2024-10-10 11:00", "2wd", "2024-10-12 17:00")] // Fri 10-11, Sat 10-12 (worked)
    [InlineData("2024-09-29 10:00", "3wd", "2024-10-09 17:00")] // accepted on the worked Sunday: Mon 09-30, Tue 10-08, Wed 10-09
    [InlineData("2024-09-30 09:00", "8.5wd", "2024-10-17 13:30")] // close of the 8th day (Wed 10-16), then 3.5 working hours
    [InlineData("2024-09-30 16:00", "0.5wd", "2024-10-08 11:30")] // under one day: elapsed, 1h on Monday and 2.5h after the holiday
    [InlineData("2024-09-30 16:00", "3wh", "2024-10-08 11:00")] // working hours: elapsed
    // Spring Festival 2026: 02-15 … 02-23 off.
    [InlineData("2026-02-12 14:00", "2wd", "2026-02-14 17:00")] // Fri 02-13, Sat 02-14 (worked)
    [InlineData("2026-02-13 16:55", "2wd", "2026-02-24 17:00")] // Sat 02-14, then Tue 02-24 after the festival
    [InlineData("2026-02-14 10:00", "1wd", "2026-02-24 17:00")] // accepted on the worked Saturday
    [InlineData("2026-02-25 09:00", "3wd", "2026-02-28 17:00")] // Thu 02-26, Fri 02-27, Sat 02-28 (worked)
    [InlineData("2026-02-13 16:00", "3wh", "2026-02-14 11:00")] // 1h on Friday, 2h on the worked Saturday
    [InlineData("2026-02-13 09:00", "1d", "2026-02-14 09:00")] // natural units are plain time under either rule
    public void Due_WholeDays_CountsAsTheLawCounts(string start, string limit, string due) =>
        Calendar.Due(Beijing(start), Duration.Parse(limit), DayCounting.WholeDays).ShouldBe(Beijing(due));

    [Theory]
    [InlineData("2024-09-30 09:00", "3wd", "2024-10-09 17:00")]
    [InlineData("2024-09-30 16:55", "3wd", "2024-10-10 16:55")]
    [InlineData("2026-02-12 14:00", "2wd", "2026-02-14 14:00")]
    public void Due_Elapsed_CountsWorkingTimeFromTheStartInstant(string start, string limit, string due) =>
        Calendar.Due(Beijing(start), Duration.Parse(limit), DayCounting.Elapsed).ShouldBe(Beijing(due));

    [Fact]
    public void CountFrom_WholeDays_IsTheOpeningOfTheNextWorkingDay()
    {
        Calendar.CountFrom(Beijing("2024-09-30 16:55"), Duration.WorkingDays(3), DayCounting.WholeDays).ShouldBe(Beijing("2024-10-08 09:00"));
        Calendar.CountFrom(Beijing("2024-09-30 16:55"), Duration.WorkingDays(0.5m), DayCounting.WholeDays).ShouldBe(Beijing("2024-09-30 16:55"));
        Calendar.CountFrom(Beijing("2024-09-30 16:55"), Duration.WorkingDays(3), DayCounting.Elapsed).ShouldBe(Beijing("2024-09-30 16:55"));
    }

    [Fact]
    public void Share_YellowAtSeventyFivePercent_IsThatShareOfTheWorkingTimeFromTheNextWorkingDay()
    {
        // 75% of 3wd is 15.75h from Tue 10-08 09:00: all of Tuesday and Wednesday, then 1.75h of Thursday.
        Calendar.Due(Beijing("2024-09-30 16:55"), Duration.WorkingDays(3), DayCounting.WholeDays, 0.75m).ShouldBe(Beijing("2024-10-10 10:45"));
    }

    [Fact]
    public void Used_OnTheDayOfAcceptance_IsNothingAndReachesTheWholeLimitAtTheDueInstant()
    {
        var accepted = Beijing("2024-09-30 09:00");
        var limit = Duration.WorkingDays(3);

        Calendar.Used(accepted, limit, DayCounting.WholeDays, Beijing("2024-09-30 16:00"), []).ShouldBe(TimeSpan.Zero);
        Calendar.Used(accepted, limit, DayCounting.WholeDays, Beijing("2024-10-10 17:00"), []).ShouldBe(TimeSpan.FromHours(21));
        Calendar.Used(accepted, limit, DayCounting.Elapsed, Beijing("2024-09-30 16:00"), []).ShouldBe(TimeSpan.FromHours(6));
    }

    [Fact]
    public void Pause_OnTheDayOfAcceptance_DoesNotMoveTheDueInstant()
    {
        var accepted = Beijing("2024-09-30 09:00");
        var limit = Duration.WorkingDays(3);
        var pauses = new[] { (Beijing("2024-09-30 10:00"), Beijing("2024-09-30 15:00")) };

        var left = TimeSpan.FromHours(21) - Calendar.Used(accepted, limit, DayCounting.WholeDays, Beijing("2024-09-30 15:00"), pauses);

        left.ShouldBe(TimeSpan.FromHours(21));
        Calendar.Resume(accepted, limit, DayCounting.WholeDays, Beijing("2024-09-30 15:00"), left).ShouldBe(Beijing("2024-10-10 17:00"));
    }

    [Fact]
    public void Pause_OnACountedDay_MovesTheDueInstantByTheWorkingTimePaused()
    {
        // Paused from Tue 10-08 10:00 to Wed 10-09 10:00: 7 working hours do not count, so the limit runs one working day longer.
        var accepted = Beijing("2024-09-30 09:00");
        var limit = Duration.WorkingDays(3);
        var pauses = new[] { (Beijing("2024-10-08 10:00"), Beijing("2024-10-09 10:00")) };

        var left = TimeSpan.FromHours(21) - Calendar.Used(accepted, limit, DayCounting.WholeDays, Beijing("2024-10-09 10:00"), pauses);

        left.ShouldBe(TimeSpan.FromHours(20));
        Calendar.Resume(accepted, limit, DayCounting.WholeDays, Beijing("2024-10-09 10:00"), left).ShouldBe(Beijing("2024-10-11 17:00"));
        Calendar.Used(accepted, limit, DayCounting.WholeDays, Beijing("2024-10-11 17:00"), pauses).ShouldBe(TimeSpan.FromHours(21));
    }

    [Fact]
    public void Before_ReminderInTheLimitsUnit_IsCountedFromWhereTheLimitCounts()
    {
        // 5wd from Mon 09-30 ends at close of Sat 10-12 (10-08 … 10-12); a reminder 1wd before is at close of Fri 10-11.
        Calendar.Due(Beijing("2024-09-30 11:00"), Duration.WorkingDays(5), DayCounting.WholeDays).ShouldBe(Beijing("2024-10-12 17:00"));
        Calendar.Before(Beijing("2024-09-30 11:00"), Duration.WorkingDays(5), DayCounting.WholeDays, Duration.WorkingDays(1)).ShouldBe(Beijing("2024-10-11 17:00"));
        Calendar.Before(Beijing("2024-09-30 11:00"), Duration.WorkingDays(5), DayCounting.WholeDays, Duration.Days(1)).ShouldBeNull();
    }
}
