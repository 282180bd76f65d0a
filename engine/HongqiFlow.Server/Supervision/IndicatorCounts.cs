namespace HongqiFlow.Server.Supervision;

/// <summary>
/// The indicators as sums: what one case adds (<see cref="Of"/>), and the <see cref="Indicators"/> of a scope from the
/// sums of its cases (<see cref="ToIndicators"/>), equal to <see cref="MetricsCalculator.Compute"/> over the same cases.
/// Every count is an integer, the working days too (in billionths of a day), so sums taken out and put back stay exact.
/// </summary>
public static class IndicatorCounts
{
    public const int Cases = 0;
    public const int Finished = 1;
    public const int AcceptedFinished = 2;
    public const int WorkingNanodays = 3;
    public const int SubmittedTwice = 4;
    public const int Visits = 5;
    public const int Noticed = 6;
    public const int NoticedComplete = 7;
    public const int Accepted = 8;
    public const int AcceptedOverdue = 9;
    public const int Steps = 10;
    public const int OverdueSteps = 11;
    public const int OnTime = 12;
    public const int Instant = 13;
    public const int Assisted = 14;
    public const int Online = 15;
    public const int Automatic = 16;
    public const int Ratings = 17;
    public const int GoodRatings = 18;
    public const int BadRatings = 19;
    public const int BadCases = 20;
    public const int Owed = 21;
    public const int OwedRectified = 22;
    public const int BadFedBack = 23;
    public const int StatutoryOverdue = 24;

    /// <summary>How many counts a case has.</summary>
    public const int Length = 25;

    private const double Nano = 1e9;

    /// <summary>What one case with these facts adds to each scope it counts in.</summary>
    public static long[] Of(CaseFacts c)
    {
        ArgumentNullException.ThrowIfNull(c);
        static long B(bool value) => value ? 1 : 0;
        var ratings = c.Ratings.Count > 0 ? c.Ratings : c.Rating is { } r ? [r] : [];
        var bad = ratings.Any(x => x.IsBad);
        var acceptedFinished = c.Accepted && c.Finished;
        var counts = new long[Length];
        counts[Cases] = 1;
        counts[Finished] = B(c.Finished);
        counts[AcceptedFinished] = B(acceptedFinished);
        counts[WorkingNanodays] = acceptedFinished ? (long)Math.Round(c.WorkingDays!.Value * Nano) : 0;
        counts[SubmittedTwice] = B(c.SubmittedTwice);
        counts[Visits] = c.Visits;
        counts[Noticed] = B(c.Noticed);
        counts[NoticedComplete] = B(c.Noticed && c.NoticeComplete);
        counts[Accepted] = B(c.Accepted);
        counts[AcceptedOverdue] = B(c.Accepted && c.Overdue);
        counts[Steps] = c.Steps;
        counts[OverdueSteps] = c.OverdueSteps;
        counts[OnTime] = B(acceptedFinished && !c.Overdue);
        counts[Instant] = B(c.Instant);
        counts[Assisted] = B(c.Assisted);
        counts[Online] = B(c.Online);
        counts[Automatic] = B(c.Automatic);
        counts[Ratings] = ratings.Count;
        counts[GoodRatings] = ratings.Count(x => x.IsGood);
        counts[BadRatings] = ratings.Count(x => x.IsBad);
        counts[BadCases] = B(bad);
        counts[Owed] = B(bad && !c.Unfounded);
        counts[OwedRectified] = B(bad && !c.Unfounded && c.Rectified);
        counts[BadFedBack] = B(bad && c.FedBack);
        counts[StatutoryOverdue] = B(c.Accepted && c.OverdueStatutory);
        return counts;
    }

    /// <summary>Adds <paramref name="counts"/> to <paramref name="sum"/> (a shorter stored vector counts as zeros beyond its end).</summary>
    public static void Add(long[] sum, IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentNullException.ThrowIfNull(counts);
        for (var i = 0; i < Math.Min(sum.Length, counts.Count); i++)
        {
            sum[i] += counts[i];
        }
    }

    /// <summary>The indicators of a scope whose cases' counts add up to <paramref name="v"/>.</summary>
    public static Indicators ToIndicators(long[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var total = (int)v[Cases];
        return new Indicators(
            total,
            (int)v[Finished],
            v[AcceptedFinished] == 0 ? null : Math.Round(v[WorkingNanodays] / Nano / v[AcceptedFinished], 3),
            Rate(v[SubmittedTwice], total),
            total == 0 ? null : Math.Round((double)v[Visits] / total, 3),
            v[Noticed] == 0 ? (total == 0 ? null : 1) : Rate(v[NoticedComplete], v[Noticed]),
            Rate(v[AcceptedOverdue], v[Accepted]),
            Rate(v[OverdueSteps], v[Steps]),
            Rate(v[OnTime], v[AcceptedFinished]),
            Rate(v[Instant], total),
            Rate(v[Assisted], total),
            Rate(v[Online], total),
            Rate(v[Automatic], total),
            (int)v[Ratings],
            Rate(v[GoodRatings], v[Ratings]),
            (int)v[BadRatings],
            Rate(v[OwedRectified], v[Owed]),
            Rate(v[BadFedBack], v[BadCases]))
        {
            StatutoryOverdueCases = (int)v[StatutoryOverdue],
            StatutoryOverdueRate = Rate(v[StatutoryOverdue], v[Accepted]),
        };
    }

    private static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
