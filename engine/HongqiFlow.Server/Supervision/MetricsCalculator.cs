using HongqiFlow.Definitions.Model;
using HongqiFlow.Runtime;

namespace HongqiFlow.Server.Supervision;

/// <summary>Computes <see cref="Indicators"/> from case histories; pure, so tests feed it histories directly.</summary>
public static class MetricsCalculator
{
    public static Indicators Compute(IReadOnlyCollection<CaseRecord> records, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(records);
        var total = records.Count;
        var finished = records.Where(r => r.State.Outcome is not null).ToList();
        var accepted = records.Where(r => r.State.Clock.Started).ToList();
        var acceptedFinished = finished.Where(r => r.State.Clock.Started).ToList();

        var days = acceptedFinished.Select(r => Engine.Clock(r.Definition, r.State, r.State.Clock.StoppedAt ?? now).Elapsed / r.Definition.Calendar.WorkingDayLength).ToList();
        var noticed = records.Where(r => r.State.NoticeGiven).ToList();
        var overdue = accepted.Count(r => Engine.Clock(r.Definition, r.State, r.State.Clock.StoppedAt ?? now).OverduePromised);
        var steps = records.Sum(r => Steps(r).Count);
        var overdueSteps = records.Sum(r => r.State.Warnings.Where(w => w.Level == WarningLevel.Red && w.Scope != "case").Select(w => w.Scope).Distinct(StringComparer.Ordinal).Count());
        var ratings = records.Where(r => r.State.Rating is not null).ToList();
        var bad = ratings.Where(r => r.State.Rating!.IsBad).ToList();

        return new Indicators(
            total,
            finished.Count,
            days.Count == 0 ? null : Math.Round(days.Average(), 3),
            Rate(records.Count(SubmittedTwice), total),
            total == 0 ? null : Math.Round(records.Average(r => (double)Visits(r)), 3),
            noticed.Count == 0 ? (total == 0 ? null : 1) : Rate(noticed.Count(r => !r.History.Any(e => e.Type == CaseEventTypes.NoticeIncomplete)), noticed.Count),
            Rate(overdue, accepted.Count),
            Rate(overdueSteps, steps),
            Rate(acceptedFinished.Count(r => !Engine.Clock(r.Definition, r.State, r.State.Clock.StoppedAt ?? now).OverduePromised), acceptedFinished.Count),
            Rate(records.Count(r => r.Definition.Definition.Item.Kind == ItemKind.Instant), total),
            Rate(records.Count(r => r.State.Assisted || r.State.Channel == Channel.Assisted), total),
            Rate(records.Count(r => r.State.Channel == Channel.Online), total),
            Rate(records.Count(Automatic), total),
            ratings.Count,
            Rate(ratings.Count(r => r.State.Rating!.Level >= 4), ratings.Count),
            bad.Count,
            Rate(bad.Count(r => r.History.Any(e => e.Type == BuiltInEvents.Rectify)), bad.Count),
            Rate(bad.Count(r => r.History.Any(e => e.Type == BuiltInEvents.Feedback)), bad.Count));
    }

    /// <summary>二次提交: the applicant had to hand in materials again (a notice before acceptance, or a correction request).</summary>
    public static bool SubmittedTwice(CaseRecord record) => record.History.Any(e => e.Type == CaseEventTypes.Notice);

    /// <summary>跑动次数: trips to the window — a window start, and every later hand-in at the window (online and assisted ones are no trip).</summary>
    public static int Visits(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var visits = record.State.Channel == Channel.Window && !record.State.Assisted ? 1 : 0;
        visits += record.History.Count(e => e.Channel == Channel.Window && e.Actor.Role is ActorRole.Applicant or ActorRole.Window
            && (e.Type == BuiltInEvents.Supplement || (e.Type != CaseEventTypes.CaseStarted && e.Data.ContainsKey("materials") && record.Definition.DeclaresEvent(e.Type))));
        return visits;
    }

    /// <summary>秒批: a decisive definition event sent by the system (an automatic step), not by a person.</summary>
    public static bool Automatic(CaseRecord record) =>
        record.History.Any(e => e.Actor.Role == ActorRole.System && record.Definition.DeclaresEvent(e.Type));

    /// <summary>The steps a case went through with a region of their own (branches and main states with limits).</summary>
    public static IReadOnlyCollection<string> Steps(CaseRecord record) =>
        record.History.SelectMany(e => e.Regions).Where(r => !r.IsMain).Select(r => r.Region).ToHashSet(StringComparer.Ordinal);

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
