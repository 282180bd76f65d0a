using HongqiFlow.Runtime;
using HongqiFlow.Time;

namespace HongqiFlow.Samples;

/// <summary>
/// The due instants a sample can assert (<c>expect: due:</c>): of the case's promised and statutory limits, of the main
/// flow's current step, and of a parallel branch. Each is the instant the engine holds the limit to run out, so it agrees
/// with the remaining time the clock reports: the case's from <see cref="Engine.Clock"/>, a step's or branch's from the due
/// time the engine armed for it (or, once a pause has moved it on, from its time still to go).
/// </summary>
public static class SampleDue
{
    /// <summary>The due instant, or why there is none (<c>(no limit)</c>, <c>(clock paused)</c>…).</summary>
    public readonly record struct Result(DateTimeOffset? Due, FormattableString? None);

    public static Result Case(VirtualCase virtualCase, bool statutory)
    {
        ArgumentNullException.ThrowIfNull(virtualCase);
        var limits = virtualCase.Definition.Definition.Item.TimeLimit;
        if ((statutory ? limits?.Statutory : limits?.Promised) is not { } limit)
        {
            return new(null, $"(no limit)");
        }

        var report = virtualCase.Clock();
        if (!report.Started)
        {
            return new(null, $"(clock not started)");
        }

        if (report.Paused)
        {
            return new(null, $"(clock paused)");
        }

        var remaining = (statutory ? report.RemainingStatutory : report.RemainingPromised) ?? TimeSpan.Zero;
        var state = virtualCase.State;
        var end = state.Clock.StoppedAt ?? virtualCase.Now;
        return new(From(virtualCase, end, remaining, limit, state.Clock.AcceptedAt ?? end), null);
    }

    /// <summary>The due instant of the step the main flow is in.</summary>
    public static Result Step(VirtualCase virtualCase)
    {
        ArgumentNullException.ThrowIfNull(virtualCase);
        var state = virtualCase.State;
        if (!state.IsStarted)
        {
            return new(null, $"(not started)");
        }

        var at = state.Regions[0];
        var region = virtualCase.Definition.Main;
        return region.HasState(at.State) && region.State(at.State).Limit is { } limit
            ? Limit(virtualCase, TimerKind.StepLimit, at.Region, at.State, at.EnteredAt, limit)
            : new(null, $"(step {at.State} has no limit)");
    }

    /// <summary>The due instant of a parallel branch's limit, the branch named as in the definition (<c>tax</c>).</summary>
    public static Result Branch(VirtualCase virtualCase, string branch)
    {
        ArgumentNullException.ThrowIfNull(virtualCase);
        var state = virtualCase.State;
        var at = state.Regions.FirstOrDefault(r => r.Branch == branch);
        if (at is null)
        {
            return new(null, $"(not active)");
        }

        return virtualCase.Definition.Region(at.Region)?.Branch?.Limit is { } limit
            ? Limit(virtualCase, TimerKind.BranchLimit, at.Region, null, state.Regions[0].EnteredAt, limit)
            : new(null, $"(branch {branch} has no limit)");
    }

    private static Result Limit(VirtualCase virtualCase, TimerKind kind, string region, string? stateName, DateTimeOffset entered, Duration limit)
    {
        var state = virtualCase.State;
        if (state.Clock.Paused)
        {
            return new(null, $"(clock paused)");
        }

        // The due time armed on entry (or re-armed after a pause) is the engine's own deadline, unless a pause began
        // after it was armed: then the limit runs out later than armed, by the time still to go.
        var armed = state.Timers.LastOrDefault(t => t.Kind == kind && t.Region == region && t.State == stateName && t.Due >= entered);
        var armedAt = armed is null ? (DateTimeOffset?)null : virtualCase.Events.LastOrDefault(e => e.Timer?.Id == armed.Id)?.At;
        if (armed is not null && armedAt is { } set && !state.Clock.Pauses.Any(p => p.From >= set))
        {
            return new(armed.Due, null);
        }

        var pauses = state.Clock.Pauses.Select(p => (p.From, p.To ?? virtualCase.Now)).ToList();
        var now = state.Clock.StoppedAt ?? virtualCase.Now;
        var elapsed = limit.IsWorkingTime
            ? virtualCase.Definition.Calendar.WorkingTimeBetween(entered, now, pauses)
            : Clocks.NaturalBetween(entered, now, pauses);
        return new(From(virtualCase, now, virtualCase.Span(limit) - elapsed, limit, entered), null);
    }

    /// <summary>
    /// The instant <paramref name="remaining"/> after <paramref name="end"/> on the limit's own time (working or natural);
    /// when overdue (negative), the instant before <paramref name="end"/> with that much of it between the two.
    /// </summary>
    private static DateTimeOffset From(VirtualCase virtualCase, DateTimeOffset end, TimeSpan remaining, Duration limit, DateTimeOffset start)
    {
        var calendar = virtualCase.Definition.Calendar;
        if (remaining >= TimeSpan.Zero)
        {
            return Round(limit.IsWorkingTime ? calendar.Add(end, Duration.WorkingHours((decimal)remaining.TotalHours)) : end + remaining);
        }

        var pauses = virtualCase.State.Clock.Pauses.Select(p => (p.From, p.To ?? end)).ToList();
        var overrun = -remaining;
        TimeSpan Between(DateTimeOffset from) => limit.IsWorkingTime ? calendar.WorkingTimeBetween(from, end, pauses) : Clocks.NaturalBetween(from, end, pauses);

        // The earliest instant with no more than the overrun between it and the end: a working-time limit runs out at the
        // close of a working period, not at the start of the next one.
        long low = Math.Min(start.UtcTicks, end.UtcTicks), high = end.UtcTicks;
        while (high - low > TimeSpan.TicksPerSecond)
        {
            var middle = low + ((high - low) / 2);
            if (Between(new DateTimeOffset(middle, TimeSpan.Zero)) <= overrun)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return Round(new DateTimeOffset(high, TimeSpan.Zero).ToOffset(end.Offset));
    }

    private static DateTimeOffset Round(DateTimeOffset instant) =>
        new(instant.Ticks + (TimeSpan.TicksPerSecond / 2) - ((instant.Ticks + (TimeSpan.TicksPerSecond / 2)) % TimeSpan.TicksPerSecond), instant.Offset);
}
