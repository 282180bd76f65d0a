namespace HongqiFlow.Server.Supervision;

/// <summary>
/// A target for one indicator (<c>Hongqi:Targets:goodRatingRate:Value</c> …), so a deployment sets its own; the
/// defaults are the Red Flag Window programme's. <see cref="Direction"/> says which side is good: atMost or atLeast.
/// </summary>
public sealed class IndicatorTarget
{
    public double Value { get; set; }

    public string Direction { get; set; } = "atLeast";

    /// <summary>The programme's targets, keyed by the indicator's JSON name.</summary>
    public static Dictionary<string, IndicatorTarget> Programme() => new(StringComparer.Ordinal)
    {
        ["secondSubmissionRate"] = new() { Value = 0.10, Direction = "atMost" },
        ["visitsPerCase"] = new() { Value = 0.5, Direction = "atMost" },
        ["oneTimeNoticeCompleteness"] = new() { Value = 1, Direction = "atLeast" },
        ["overdueCaseRate"] = new() { Value = 0.02, Direction = "atMost" },
        ["overdueStepRate"] = new() { Value = 0.02, Direction = "atMost" },
        ["goodRatingRate"] = new() { Value = 0.98, Direction = "atLeast" },
        ["rectificationRate"] = new() { Value = 1, Direction = "atLeast" },
        ["feedbackRate"] = new() { Value = 1, Direction = "atLeast" },
        ["assistedShare"] = new() { Value = 0.20, Direction = "atLeast" },
        ["onlineShare"] = new() { Value = 0.80, Direction = "atLeast" },
        ["automaticApprovalShare"] = new() { Value = 0.90, Direction = "atLeast" },
    };
}
