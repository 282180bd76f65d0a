using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Time;

namespace HongqiFlow.Definitions.Validation;

/// <summary>办理时限: limits that can be met, in comparable units, in working units where the item demands them.</summary>
internal static class TimeLimitRules
{
    public static void Check(ValidationRun run)
    {
        var header = run.Item.Item;
        var limit = header.TimeLimit;
        var promised = limit?.Promised;
        if (limit is not null)
        {
            if (limit.Statutory is { } statutory && promised is { } p)
            {
                CompareLimits(run, p, statutory, run.ValueAt(limit, "promised"), ValidationCodes.PromisedLongerThanStatutory, $"the promised limit", $"the statutory limit");
            }

            if (limit.WarnAt is <= 0m or >= 1m)
            {
                run.Error(
                    ValidationCodes.WarnAtOutOfRange,
                    $"warnAt is {limit.WarnAt * 100:0.##}%; the warning must come after 0% and before 100% of the limit",
                    run.ValueAt(limit, "warnAt"),
                    $"use a share such as 75%");
            }
        }

        if (run.Item.Tolerance is { } tolerance && promised is { } promisedLimit)
        {
            CompareLimits(run, tolerance.SupplementWithin, promisedLimit, run.ValueAt(tolerance, "supplementWithin"), ValidationCodes.SupplementLongerThanPromised, $"the supplement deadline", $"the promised limit");
        }

        if (header.Kind == ItemKind.Instant && promised is { } instant && Compare(instant, Duration.WorkingDays(1), run.WorkingDayLength) > 0)
        {
            run.Error(
                ValidationCodes.InstantItemTooLong,
                $"the item is instant (即办件) but promises {instant}; an instant item is finished the same working day",
                run.ValueAt(limit!, "promised"),
                $"promise at most 1wd, or make the item 'kind: promised'");
        }

        if (limit?.RequireWorkingDays == true)
        {
            CheckWorkingUnits(run);
        }
    }

    private static void CompareLimits(ValidationRun run, Duration longer, Duration shorter, SourceLocation at, string code, FormattableString what, FormattableString than)
    {
        var order = Compare(longer, shorter, run.WorkingDayLength);
        if (order is null)
        {
            run.Warning(
                ValidationCodes.LimitsNotComparable,
                longer.IsWorkingTime == shorter.IsWorkingTime
                    ? (FormattableString)$"{what} ({longer}) and {than} ({shorter}) cannot be compared without the calendar's working-day length, so they were not checked"
                    : $"{what} ({longer}) and {than} ({shorter}) mix working and natural time, which compare differently on every date, so they were not checked",
                at,
                $"write both in the same unit, e.g. {Duration.Suffix(shorter.Unit)}");
        }
        else if (order > 0)
        {
            run.Error(code, $"{what} ({longer}) is longer than {than} ({shorter})", at, $"shorten it to at most {shorter}");
        }
    }

    /// <summary>
    /// Compares two durations when their units allow it: natural units with each other, wd with wh when the
    /// calendar's day length is known. Working against natural time depends on the dates, so it is never compared.
    /// </summary>
    internal static int? Compare(Duration a, Duration b, TimeSpan? workingDay)
    {
        if (a.Unit == b.Unit)
        {
            return a.Value.CompareTo(b.Value);
        }

        var x = a.IsWorkingTime == b.IsWorkingTime ? InCommonUnit(a, workingDay) : null;
        var y = a.IsWorkingTime == b.IsWorkingTime ? InCommonUnit(b, workingDay) : null;
        return x is null || y is null ? null : x.Value.CompareTo(y.Value);
    }

    /// <summary>Natural units in minutes; working units in working hours (wd needs the day length).</summary>
    private static decimal? InCommonUnit(Duration d, TimeSpan? workingDay) => d.Unit switch
    {
        DurationUnit.Days => d.Value * 1440m,
        DurationUnit.Hours => d.Value * 60m,
        DurationUnit.Minutes => d.Value,
        DurationUnit.WorkingHours => d.Value,
        _ => workingDay is { } day ? d.Value * (decimal)day.TotalHours : null,
    };

    /// <summary>
    /// With requireWorkingDays, every duration that counts against the handling limit, or that the administration owes,
    /// must be in wd/wh. Exempt: states before acceptance or waiting on the applicant (their timers are the applicant's
    /// time, often set by law in natural days), special-procedure maxima (the clock is paused), and rating periods.
    /// </summary>
    private static void CheckWorkingUnits(ValidationRun run)
    {
        var limit = run.Item.Item.TimeLimit!;
        Require(run, limit.Statutory, limit, "statutory", $"the statutory limit");
        Require(run, limit.Promised, limit, "promised", $"the promised limit");
        if (run.Item.Tolerance is { } tolerance)
        {
            Require(run, tolerance.SupplementWithin, tolerance, "supplementWithin", $"the supplement deadline");
        }

        if (run.Item.Commitment is { } commitment)
        {
            Require(run, commitment.VerifyWithin, commitment, "verifyWithin", $"the verification deadline");
        }

        foreach (var obligation in run.Item.Obligations)
        {
            Require(run, obligation.Within, obligation, "within", $"the deadline of obligation '{obligation.Id}'");
        }

        foreach (var state in run.Item.States.Where(s => s.Parallel is not null))
        {
            foreach (var branch in state.Parallel!.Branches)
            {
                Require(run, branch.Limit, branch, "limit", $"the limit of branch '{branch.Name}'");
            }
        }

        foreach (var state in run.Regions.SelectMany(r => r.States))
        {
            Require(run, state.Limit, state, "limit", $"the limit of state '{state.Name}'");
            if (state.EffectiveClock is ClockMode.NotStarted or ClockMode.WaitingApplicant)
            {
                continue;
            }

            foreach (var timer in state.Timers)
            {
                Require(run, timer.After, timer, null, $"the timer of state '{state.Name}'");
            }
        }
    }

    private static void Require(ValidationRun run, Duration? duration, ModelNode node, string? key, FormattableString what)
    {
        if (duration is { IsWorkingTime: false } natural)
        {
            run.Error(
                ValidationCodes.NaturalUnitWhereWorkingRequired,
                $"{what} is {natural}, in natural time, but the item requires working days (timeLimit.requireWorkingDays)",
                key is null ? node.At : run.ValueAt(node, key),
                natural.Unit switch
                {
                    DurationUnit.Days => $"write it in working days, e.g. {Duration.WorkingDays(natural.Value)}",
                    DurationUnit.Hours => $"write it in working hours, e.g. {Duration.WorkingHours(natural.Value)}",
                    _ => $"write it in working hours, e.g. {Duration.WorkingHours(Math.Round(natural.Value / 60m, 2))}",
                });
        }
    }
}
