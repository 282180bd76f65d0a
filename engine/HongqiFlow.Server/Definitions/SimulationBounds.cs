using HongqiFlow.Samples;
using HongqiFlow.Time;

namespace HongqiFlow.Server.Definitions;

/// <summary>
/// How much one <c>POST /api/definitions/simulate</c> may ask for: at most <see cref="MaxSteps"/> steps, the clock
/// moved at most <see cref="MaxAdvanceDays"/> days from its start (working time counted generously: a working day as
/// two days, a working hour as half a day), and an answer of at most <see cref="MaxResponseBytes"/>. Past a bound the
/// request is answered 400 naming the step, before anything runs (the answer's size after the run).
/// </summary>
public static class SimulationBounds
{
    public const int MaxSteps = 200;

    public const int MaxAdvanceDays = 3 * 366;

    public const int MaxResponseBytes = 4 * 1024 * 1024;

    public const string Detail = "the simulation asks for more than one request may run";

    /// <summary>The steps past a bound, by field (<c>steps</c>, <c>steps[3].after</c>, <c>steps[4].at</c>); empty when it fits.</summary>
    public static Dictionary<string, string[]> Check(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var errors = new Dictionary<string, string[]>();
        if (sample.Steps.Count > MaxSteps)
        {
            errors["steps"] = [$"at most {MaxSteps} steps; this simulation has {sample.Steps.Count}"];
            return errors;
        }

        var limit = sample.Clock.AddDays(MaxAdvanceDays);
        var clock = sample.Clock;
        for (var i = 0; i < sample.Steps.Count; i++)
        {
            var step = sample.Steps[i];
            if (step.AtTime is { } at)
            {
                if (at > limit)
                {
                    errors[$"steps[{i}].at"] = [$"at most {MaxAdvanceDays} days after the simulation's clock ({sample.Clock:O})"];
                    return errors;
                }

                clock = at > clock ? at : clock;
            }

            if (step.After is { } after)
            {
                var days = Days(after);
                if (days > (decimal)(limit - clock).TotalDays)
                {
                    errors[$"steps[{i}].after"] = [$"the simulation may move its clock at most {MaxAdvanceDays} days in all; '{after}' goes past that"];
                    return errors;
                }

                clock = clock.AddDays((double)days);
            }
        }

        return errors;
    }

    /// <summary>An upper bound of <paramref name="duration"/> in natural days (working time counted generously).</summary>
    private static decimal Days(Duration duration) => Math.Min(duration.Value, 1_000_000m) * duration.Unit switch
    {
        DurationUnit.WorkingDays => 2m,
        DurationUnit.WorkingHours => 0.5m,
        DurationUnit.Days => 1m,
        DurationUnit.Hours => 1m / 24,
        _ => 1m / 1440,
    };
}
