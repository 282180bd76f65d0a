using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Parsing;
using HongqiFlow.Diagnostics;
using HongqiFlow.Runtime;
using HongqiFlow.Samples;
using HongqiFlow.Tests.Runtime.Support;
using HongqiFlow.Time;
using static HongqiFlow.Tests.Runtime.Support.CaseDriver;
using static HongqiFlow.Tests.Time.CalendarFiles;

namespace HongqiFlow.Tests.Runtime;

/// <summary>
/// Case clocks, yellow warnings, the time left and obligations count working days as the law does (docs/calendars.md),
/// on the real cn-mainland calendar across National Day 2024, and an item may choose elapsed working time instead.
/// </summary>
public sealed class DayCountingTests
{
    private static readonly DateTimeOffset MondayMorning = Beijing("2024-09-30 09:00");
    private static readonly DateTimeOffset MondayBeforeClose = Beijing("2024-09-30 16:55");
    private static readonly DateTimeOffset ThursdayClose = Beijing("2024-10-10 17:00");

    private static CompiledDefinition ThreeDays(DayCounting? counting = null)
    {
        var definition = TestDefinitions.Enterprise();
        return TestDefinitions.Compile(definition with
        {
            Item = definition.Item with
            {
                TimeLimit = definition.Item.TimeLimit! with { Promised = Duration.WorkingDays(3), Statutory = Duration.WorkingDays(5), DayCounting = counting },
            },
        }, CnMainland);
    }

    private static CaseDriver Accepted(DateTimeOffset at, CompiledDefinition? definition = null)
    {
        var d = Started(definition ?? ThreeDays(), now: at);
        d.Send("accept", Window);
        return d;
    }

    [Theory]
    [InlineData("2024-09-30 09:00")]
    [InlineData("2024-09-30 16:55")]
    public void Accept_MondayBeforeNationalDay_CaseIsDueThursdayAtCloseOfBusinessWhateverTheHour(string accepted)
    {
        var d = Accepted(Beijing(accepted));

        d.Timer(TimerKind.CaseRed).Due.ShouldBe(ThursdayClose);
        // Yellow at 75%: 15.75 of the 21 working hours counted from Tuesday 10-08 09:00.
        d.Timer(TimerKind.CaseYellow).Due.ShouldBe(Beijing("2024-10-10 10:45"));
        Engine.PromisedBy(d.Definition, d.State, d.Now).ShouldBe(ThursdayClose);
    }

    [Fact]
    public void Clock_RemainingTime_IsTheWholeLimitOnTheDayOfAcceptanceAndZeroAtTheDueInstant()
    {
        var d = Accepted(MondayMorning);

        var sameDay = Engine.Clock(d.Definition, d.State, Beijing("2024-09-30 16:00"));
        sameDay.Elapsed.ShouldBe(TimeSpan.FromHours(6));
        sameDay.RemainingPromised.ShouldBe(TimeSpan.FromHours(21));
        sameDay.RemainingStatutory.ShouldBe(TimeSpan.FromHours(35));
        Engine.Clock(d.Definition, d.State, Beijing("2024-10-10 10:45")).RemainingPromised.ShouldBe(TimeSpan.FromHours(5.25));
        Engine.Clock(d.Definition, d.State, ThursdayClose).RemainingPromised.ShouldBe(TimeSpan.Zero);
        Engine.Clock(d.Definition, d.State, Beijing("2024-10-11 09:30")).OverduePromised.ShouldBeTrue();
    }

    [Fact]
    public void ItemOverride_Elapsed_CountsWorkingTimeFromTheMomentOfAcceptance()
    {
        var d = Accepted(MondayBeforeClose, ThreeDays(DayCounting.Elapsed));

        d.Definition.DayCounting.ShouldBe(DayCounting.Elapsed);
        d.Timer(TimerKind.CaseRed).Due.ShouldBe(Beijing("2024-10-10 16:55"));
        Engine.Clock(d.Definition, d.State, Beijing("2024-09-30 17:00")).RemainingPromised.ShouldBe(TimeSpan.FromHours(21) - TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Pause_OnTheDayOfAcceptance_LeavesTheDueInstant()
    {
        var d = Accepted(MondayMorning);
        d.Now = Beijing("2024-09-30 10:00");
        d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));
        d.Now = Beijing("2024-09-30 15:00");
        d.Send("procedure-end", Market);

        d.Timer(TimerKind.CaseRed).Due.ShouldBe(ThursdayClose);
        Engine.PromisedBy(d.Definition, d.State, d.Now).ShouldBe(ThursdayClose);
        Engine.Clock(d.Definition, d.State, ThursdayClose).RemainingPromised.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Pause_OnACountedDay_MovesTheDueInstantByTheWorkingTimePausedAndTheRedTimerFollows()
    {
        var d = Accepted(MondayMorning);
        d.Now = Beijing("2024-10-08 10:00");
        d.Send("procedure-start", Market, Payload(("procedure", "name-verification")));
        d.Now = Beijing("2024-10-09 10:00");
        d.Send("procedure-end", Market);

        // 7 working hours paused: the limit now ends one working day later, at close of business on Friday.
        var friday = Beijing("2024-10-11 17:00");
        Engine.PromisedBy(d.Definition, d.State, d.Now).ShouldBe(friday);
        var fired = d.Fire(TimerKind.CaseRed);
        Types(fired).ShouldBe(["timer", "timer-set"]);
        d.Timer(TimerKind.CaseRed).Due.ShouldBe(friday);
        Engine.Clock(d.Definition, d.State, friday).RemainingPromised.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void StoredInstants_ArmedUnderElapsedCounting_StayAndAStoredRedTimerReArmsForTheWholeDayCount()
    {
        // A case accepted while the item counted elapsed time keeps its stored instants after the switch to whole days.
        var old = Started(ThreeDays(DayCounting.Elapsed), submitted: ["application", "articles", "premises"], now: MondayMorning);
        old.Send("accept-tolerated", Window);
        var storedRed = old.Timer(TimerKind.CaseRed);
        storedRed.Due.ShouldBe(Beijing("2024-10-09 17:00"));
        var storedSupplement = old.State.OpenObligation("supplement")!.Due;
        storedSupplement.ShouldBe(Beijing("2024-10-11 17:00"));

        var now = ThreeDays();
        var fired = Engine.Decide(now, old.State, Command.FireTimer(storedRed.Id), storedRed.Due).ShouldBeOfType<Accepted>();

        fired.Events.Select(e => e.Type).ShouldBe(["timer", "timer-set"]);
        fired.NewState.Timers.Single(t => t.Kind == TimerKind.CaseRed).Due.ShouldBe(ThursdayClose);
        fired.NewState.Warnings.ShouldBeEmpty();
        fired.NewState.OpenObligation("supplement")!.Due.ShouldBe(storedSupplement);
    }

    [Fact]
    public void BranchLimit_OneWorkingDay_DeemsAtCloseOfTheNextWorkingDayAndWarnsAtItsShare()
    {
        var definition = TestDefinitions.Compile(TestDefinitions.WithParallel(p => p with
        {
            Branches = p.Branches.Select(b => b.Name == "tax" ? b with { Limit = Duration.WorkingDays(1) } : b).ToArray(),
        }), CnMainland);

        var d = Accepted(MondayBeforeClose, definition);

        d.Timer(TimerKind.BranchLimit, "approval/tax").Due.ShouldBe(Beijing("2024-10-08 17:00"));
        d.Timer(TimerKind.BranchWarning, "approval/tax").Due.ShouldBe(Beijing("2024-10-08 15:15"));
        d.Timer(TimerKind.BranchLimit, "approval/market").Due.ShouldBe(Beijing("2024-10-08 11:55")); // 3wh: elapsed from 16:55
    }

    [Fact]
    public void AfterTimer_TwoWorkingDays_FiresAtCloseOfTheSecondWorkingDayAfterEntering()
    {
        var definition = TestDefinitions.Compile(TestDefinitions.WithState("correcting", s => s with
        {
            Timers = new[] { new TimerDefinition { After = Duration.WorkingDays(2), Target = "not-accepted" } },
        }), CnMainland);
        var d = Started(definition, submitted: ["application"], now: MondayBeforeClose);

        d.Send("notify-missing", Window);

        d.Timer(TimerKind.After).Due.ShouldBe(Beijing("2024-10-09 17:00"));
    }

    [Fact]
    public void Obligation_SupplementInFiveWorkingDays_IsDueAtCloseOfTheFifthWorkingDayAfterAcceptance()
    {
        var d = Started(ThreeDays(), submitted: ["application", "articles", "premises"], now: MondayBeforeClose);

        d.Send("accept-tolerated", Window);

        // 10-08 … 10-11 and the worked Saturday 10-12.
        d.State.OpenObligation("supplement")!.Due.ShouldBe(Beijing("2024-10-12 17:00"));
    }

    [Fact]
    public void Samples_AcceptedAtNineAndAtFiveToFive_HaveTheSameDueInstant()
    {
        using var suite = new SampleSuite();
        var dues = new[] { "07-accepted-at-opening-national-day-2024.yaml", "08-accepted-before-close-national-day-2024.yaml" }
            .Select(file => suite.Run(Repository.Path("samples", "construction-permit", file)))
            .Select(result =>
            {
                result.Passed.ShouldBeTrue(string.Join("\n", result.Diagnostics.Select(x => x.ToString()).Concat(result.Outcome?.Failures.Select(f => f.ToString()) ?? [])));
                return result.Outcome!.Events.First(e => e.Timer?.Kind == TimerKind.CaseRed).Timer!.Due;
            })
            .ToList();

        dues.ShouldBe([ThursdayClose, ThursdayClose]);
    }

    [Fact]
    public void ReadItem_DayCounting_IsReadAndABadValueIsRefusedWhereItIsWritten()
    {
        const string Item = "hongqiflow: 1\nitem:\n  code: T-1\n  name: 测试\n  lead: tax\n  timeLimit:\n    promised: 3wd\n    dayCounting: {0}\nstates:\n  a: { initial: true, on: { go: b } }\n  b: { final: true }\n";

        var good = new DefinitionReader().ReadItem(Item.Replace("{0}", "elapsed", StringComparison.Ordinal), "item.yaml");
        good.Diagnostics.ShouldBeEmpty();
        good.Model!.Item.TimeLimit!.DayCounting.ShouldBe(DayCounting.Elapsed);

        var bad = new DefinitionReader().ReadItem(Item.Replace("{0}", "calendar-days", StringComparison.Ordinal), "item.yaml");
        var error = bad.Diagnostics.ShouldHaveSingleItem();
        error.Severity.ShouldBe(Severity.Error);
        (error.Location.Line, error.Location.Column).ShouldBe((8, 18));
        error.Message.ShouldContain("whole-days");
    }

    [Fact]
    public void ReadCalendar_DayCounting_IsReadWrittenBackAndABadValueIsLocated()
    {
        var text = File.ReadAllText(CnMainlandPath).Replace("dayCounting: whole-days", "dayCounting: elapsed", StringComparison.Ordinal);
        var diagnostics = new DiagnosticBag();
        var calendar = CalendarReader.Read(text, "cn-mainland.yaml", diagnostics).ShouldNotBeNull();
        calendar.DayCounting.ShouldBe(DayCounting.Elapsed);
        CalendarWriter.Write(calendar).ShouldContain("\ndayCounting: elapsed\n");
        new WorkingCalendar(calendar).Due(MondayMorning, Duration.WorkingDays(3), calendar.DayCounting).ShouldBe(Beijing("2024-10-09 17:00"));
        CnMainland.DayCounting.ShouldBe(DayCounting.WholeDays);

        var bad = new DiagnosticBag();
        CalendarReader.Read(text.Replace("dayCounting: elapsed", "dayCounting: whole-day", StringComparison.Ordinal), "cn-mainland.yaml", bad).ShouldBeNull();
        var error = bad.Sorted().ShouldHaveSingleItem();
        error.Code.ShouldBe(CalendarCodes.BadDayCounting);
        error.Location.Column.ShouldBe(14);
        error.ToString().ShouldContain("whole-days");
    }
}
