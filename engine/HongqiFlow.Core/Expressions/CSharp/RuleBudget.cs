using System.ComponentModel;
using System.Diagnostics;

namespace HongqiFlow.Expressions;

/// <summary>
/// The run-time bound of a C# rule. The compiler places a call to <see cref="Step"/> before every method call, every
/// object creation and every evaluation of a lambda or query clause a rule writes, so the rule's work between two
/// checks is one call over the case context; each check holds the rule to its steps, its time and the bytes it has
/// allocated on its thread (<see cref="ExpressionLimits"/>). Called only by compiled rules.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RuleBudget
{
    [ThreadStatic]
    private static bool t_active;

    [ThreadStatic]
    private static long t_steps;

    [ThreadStatic]
    private static long t_maxSteps;

    [ThreadStatic]
    private static long t_deadline;

    [ThreadStatic]
    private static long t_allocatedAtStart;

    [ThreadStatic]
    private static long t_maxAllocated;

    /// <summary>One step of a rule; throws when the rule is past any of its limits. Always true otherwise.</summary>
    public static bool Step()
    {
        if (!t_active)
        {
            return true;
        }

        if (++t_steps > t_maxSteps)
        {
            throw new RuleLimitExceededException(RuleLimit.Steps);
        }

        if (Stopwatch.GetTimestamp() > t_deadline)
        {
            throw new RuleLimitExceededException(RuleLimit.Time);
        }

        if (GC.GetAllocatedBytesForCurrentThread() - t_allocatedAtStart > t_maxAllocated)
        {
            throw new RuleLimitExceededException(RuleLimit.Memory);
        }

        return true;
    }

    /// <summary>The most steps a rule may take under <paramref name="limits"/>: a hundred per JavaScript statement.</summary>
    internal static long StepsOf(ExpressionLimits limits) => limits.MaxStatements > 0 ? limits.MaxStatements * 100L : long.MaxValue;

    /// <summary>Starts the budget of one evaluation on this thread; dispose the result when the rule returns.</summary>
    internal static Scope Begin(ExpressionLimits limits)
    {
        var previous = (t_active, t_steps, t_maxSteps, t_deadline, t_allocatedAtStart, t_maxAllocated);
        t_active = true;
        t_steps = 0;
        t_maxSteps = StepsOf(limits);
        t_deadline = limits.Timeout > TimeSpan.Zero
            ? Stopwatch.GetTimestamp() + (long)(limits.Timeout.TotalSeconds * Stopwatch.Frequency)
            : long.MaxValue;
        t_allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        t_maxAllocated = limits.MaxMemoryBytes > 0 ? limits.MaxMemoryBytes : long.MaxValue;
        return new Scope(previous);
    }

    internal readonly struct Scope(
        (bool Active, long Steps, long MaxSteps, long Deadline, long AllocatedAtStart, long MaxAllocated) previous) : IDisposable
    {
        public void Dispose() =>
            (t_active, t_steps, t_maxSteps, t_deadline, t_allocatedAtStart, t_maxAllocated) = previous;
    }
}

/// <summary>Which limit of <see cref="ExpressionLimits"/> a rule ran into.</summary>
internal enum RuleLimit
{
    Steps,
    Time,
    Memory,
}

/// <summary>A rule went past one of its limits; the guard turns it into a located <see cref="ExpressionException"/>.</summary>
internal sealed class RuleLimitExceededException(RuleLimit limit) : Exception($"the rule went past its {limit.ToString().ToLowerInvariant()} limit")
{
    public RuleLimit Limit { get; } = limit;
}
