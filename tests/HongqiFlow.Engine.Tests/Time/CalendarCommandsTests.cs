using System.CommandLine;
using HongqiFlow.Cli.Commands;

namespace HongqiFlow.Tests.Time;

public sealed class CalendarCommandsTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { CalendarCommands.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void AddWorkingDays_AcrossNationalDay2024_PrintsTheResultAndTheSkippedDays()
    {
        var (exit, output, error) = Run("calendar", "add-working-days", "--from", "2024-09-27T09:00+08:00", "--days", "3", "--calendar", CalendarFiles.CnMainlandPath);

        (exit, error).ShouldBe((0, string.Empty));
        output.ShouldContain("from      2024-09-27T09:00:00+08:00 Friday\n");
        // Friday is not counted: Sunday 09-29 (worked), Monday 09-30 and, after National Day, Tuesday 10-08.
        output.ShouldContain("rule      whole-days: the start day is not counted; counting begins 2024-09-29T09:00:00+08:00 Sunday");
        output.ShouldContain("result    2024-10-08T17:00:00+08:00 Tuesday\n");
        output.ShouldContain("skipped   8 non-working days:\n          2024-09-28 Saturday   weekend\n          2024-10-01 Tuesday    国庆节\n");
        output.ShouldContain("worked    2024-09-29 Sunday     make-up working day (调休) for 国庆节\n");
    }

    [Fact]
    public void AddWorkingDays_RuleElapsed_CountsWorkingTimeFromTheStartAndSaysSo()
    {
        var (exit, output, error) = Run("calendar", "add-working-days", "--from", "2024-09-27T09:00+08:00", "--days", "3", "--rule", "elapsed", "--calendar", CalendarFiles.CnMainlandPath);

        (exit, error).ShouldBe((0, string.Empty));
        output.ShouldContain("rule      elapsed: working time counted from the start instant\n");
        output.ShouldContain("result    2024-09-30T17:00:00+08:00 Monday\n");
    }

    [Theory]
    [InlineData("2024-09-30T09:00+08:00")]
    [InlineData("2024-09-30T16:55+08:00")]
    public void AddWorkingDays_AcceptedMondayBeforeNationalDay_IsDueThursdayAtCloseOfBusinessWhateverTheHour(string from)
    {
        var (exit, output, error) = Run("calendar", "add-working-days", "--from", from, "--days", "3", "--calendar", CalendarFiles.CnMainlandPath);

        (exit, error).ShouldBe((0, string.Empty));
        output.ShouldContain("rule      whole-days: the start day is not counted; counting begins 2024-10-08T09:00:00+08:00 Tuesday");
        output.ShouldContain("result    2024-10-10T17:00:00+08:00 Thursday\n");
    }

    [Fact]
    public void AddWorkingDays_UnknownRule_IsRefusedWithTheAllowedRules()
    {
        var (exit, _, error) = Run("calendar", "add-working-days", "--from", "2024-09-30T09:00+08:00", "--days", "3", "--rule", "calendar-days", "--calendar", CalendarFiles.CnMainlandPath);

        exit.ShouldNotBe(0);
        error.ShouldContain("calendar-days");
        error.ShouldContain("whole-days");
    }

    [Fact]
    public void AddWorkingDays_StartWithoutOffset_IsReadInTheCalendarsTimeZone()
    {
        var (exit, output, _) = Run("calendar", "add-working-days", "--from", "2024-09-30T09:00", "--days", "0.5", "--calendar", CalendarFiles.CnMainlandPath);

        exit.ShouldBe(0);
        output.ShouldContain("result    2024-09-30T13:30:00+08:00 Monday\n");
        output.ShouldContain("rule      whole-days, but 0.5wd is under one working day: elapsed working time from the start instant\n");
        output.ShouldContain("skipped   no non-working days\n");
    }

    [Fact]
    public void AddWorkingDays_BadInstant_PrintsAClearErrorAndExitsOne()
    {
        var (exit, output, error) = Run("calendar", "add-working-days", "--from", "30/09/2024", "--days", "3", "--calendar", CalendarFiles.CnMainlandPath);

        (exit, output).ShouldBe((1, string.Empty));
        error.ShouldBe("error: --from '30/09/2024' is not an instant; write e.g. 2024-09-30T09:00+08:00\n");
    }

    [Fact]
    public void Import_MalformedFile_PrintsTheLocatedDiagnosticWithoutAStackTrace()
    {
        using var folder = new TempFolder();
        var calendar = folder.File("cn-mainland.yaml");
        File.Copy(CalendarFiles.CnMainlandPath, calendar);
        var json = folder.Write("2027.json", "{ \"year\": 2027, \"days\": [ }");

        var (exit, _, error) = Run("calendar", "import", json, "--calendar", calendar);

        exit.ShouldBe(1);
        error.ShouldStartWith($"{json}:1:27: error HQ4020: the holiday-cn file is not well-formed JSON: ");
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public void Import_YearAlreadyPresent_SaysNothingWasWritten()
    {
        using var folder = new TempFolder();
        var calendar = folder.File("cn-mainland.yaml");
        File.Copy(CalendarFiles.CnMainlandPath, calendar);

        var (exit, output, _) = Run("calendar", "import", CalendarFiles.HolidayCn(2025), "--calendar", calendar);

        exit.ShouldBe(0);
        output.ShouldBe($"{calendar} already holds 2025 as given (28 holidays, 5 make-up working days); nothing written\n");
    }
}
