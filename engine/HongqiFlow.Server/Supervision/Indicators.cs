namespace HongqiFlow.Server.Supervision;

/// <summary>
/// The programme's indicators over a set of cases (rates are 0..1; null when there is nothing to divide by).
/// See docs/api.md for each definition.
/// </summary>
public sealed record Indicators(
    int Cases,
    int Finished,
    double? AverageProcessingWorkingDays,
    double? SecondSubmissionRate,
    double? VisitsPerCase,
    double? OneTimeNoticeCompleteness,
    double? OverdueCaseRate,
    double? OverdueStepRate,
    double? OnTimeRate,
    double? InstantShare,
    double? AssistedShare,
    double? OnlineShare,
    double? AutomaticApprovalShare,
    int Ratings,
    double? GoodRatingRate,
    int BadRatings,
    double? RectificationRate,
    double? FeedbackRate)
{
    /// <summary>超过法定时限: accepted cases past the statutory limit (at their end, or now); counted apart from the promised limit.</summary>
    public int StatutoryOverdueCases { get; init; }

    /// <summary><see cref="StatutoryOverdueCases"/> over accepted cases.</summary>
    public double? StatutoryOverdueRate { get; init; }
}
