using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;

namespace HongqiFlow.Server.Supervision;

/// <summary>Computes <see cref="Indicators"/> from each case's <see cref="CaseFacts"/>, and the history-derived facts those are made of.</summary>
public static class MetricsCalculator
{
    /// <summary>The indicators of one scope from its cases' facts (each case's facts worked out once for all scopes).</summary>
    public static Indicators Compute(IReadOnlyList<CaseFacts> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var total = cases.Count;
        var accepted = cases.Where(c => c.Accepted).ToList();
        var acceptedFinished = accepted.Where(c => c.Finished).ToList();
        var noticed = cases.Where(c => c.Noticed).ToList();
        // GB/T 39734-2020: every rating counts (under 一次一评 a case has one per service); 非常满意, 满意 and 基本满意
        // (a default rating included) are good. Rectification and follow-up are per bad-rated case, which has one
        // rectification; a bad rating verified as unfounded owes a follow-up but no rectification.
        var ratings = cases.SelectMany(RatingsOf).ToList();
        var bad = cases.Where(c => RatingsOf(c).Any(r => r.IsBad)).ToList();
        var owed = bad.Where(c => !c.Unfounded).ToList();

        return new Indicators(
            total,
            cases.Count(c => c.Finished),
            acceptedFinished.Count == 0 ? null : Math.Round(acceptedFinished.Average(c => c.WorkingDays!.Value), 3),
            Rate(cases.Count(c => c.SubmittedTwice), total),
            total == 0 ? null : Math.Round(cases.Average(c => (double)c.Visits), 3),
            noticed.Count == 0 ? (total == 0 ? null : 1) : Rate(noticed.Count(c => c.NoticeComplete), noticed.Count),
            Rate(accepted.Count(c => c.Overdue), accepted.Count),
            Rate(cases.Sum(c => c.OverdueSteps), cases.Sum(c => c.Steps)),
            Rate(acceptedFinished.Count(c => !c.Overdue), acceptedFinished.Count),
            Rate(cases.Count(c => c.Instant), total),
            Rate(cases.Count(c => c.Assisted), total),
            Rate(cases.Count(c => c.Online), total),
            Rate(cases.Count(c => c.Automatic), total),
            ratings.Count,
            Rate(ratings.Count(r => r.IsGood), ratings.Count),
            ratings.Count(r => r.IsBad),
            Rate(owed.Count(c => c.Rectified), owed.Count),
            Rate(bad.Count(c => c.FedBack), bad.Count))
        {
            StatutoryOverdueCases = accepted.Count(c => c.OverdueStatutory),
            StatutoryOverdueRate = Rate(accepted.Count(c => c.OverdueStatutory), accepted.Count),
        };
    }

    private static IReadOnlyList<CaseRating> RatingsOf(CaseFacts c) => c.Ratings.Count > 0 ? c.Ratings : c.Rating is { } r ? [r] : [];

    /// <summary>二次提交: the applicant had to hand in materials again (a notice before acceptance, or a correction request).</summary>
    public static bool SubmittedTwice(IReadOnlyList<CaseEvent> history) => history.Any(e => e.Type == CaseEventTypes.Notice);

    /// <summary>跑动次数: trips to the window — a window start, and every later hand-in at the window (online and assisted ones are no trip).</summary>
    public static int Visits(CompiledDefinition definition, CaseState state, IReadOnlyList<CaseEvent> history)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        var visits = state.Channel == Channel.Window && !state.Assisted ? 1 : 0;
        visits += history.Count(e => e.Channel == Channel.Window && e.Actor.Role is ActorRole.Applicant or ActorRole.Window
            && (e.Type == BuiltInEvents.Supplement || (e.Type != CaseEventTypes.CaseStarted && e.Data.ContainsKey("materials") && definition.DeclaresEvent(e.Type))));
        return visits;
    }

    /// <summary>秒批: a decisive definition event sent by the system (an automatic step), not by a person.</summary>
    public static bool Automatic(CompiledDefinition definition, IReadOnlyList<CaseEvent> history) =>
        history.Any(e => e.Actor.Role == ActorRole.System && definition.DeclaresEvent(e.Type));

    /// <summary>The steps a case went through with a region of their own (branches and main states with limits).</summary>
    public static IReadOnlyCollection<string> Steps(IReadOnlyList<CaseEvent> history) =>
        history.SelectMany(e => e.Regions).Where(r => !r.IsMain).Select(r => r.Region).ToHashSet(StringComparer.Ordinal);

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
