namespace HongqiFlow.Runtime;

/// <summary>
/// 好差评 (GB/T 39734-2020): 5 非常满意 … 1 非常不满意; levels 3–5 are good ratings (好评), 1–2 bad ones (差评).
/// </summary>
public sealed record CaseRating(int Level, string? Comment, DateTimeOffset At, bool Defaulted)
{
    /// <summary>The rated service: <c>finished</c> (办结; the only one under 一事一评) or <c>accepted</c> (受理, 一次一评).</summary>
    public string Stage { get; init; } = Stages.Finished;

    /// <summary>The channel the rating came from (<see cref="Definitions.Model.RatingChannels"/>); null for a default rating.</summary>
    public string? Channel { get; init; }

    /// <summary>The bad-rating category the applicant chose, when the item declares categories.</summary>
    public string? Category { get; init; }

    public bool IsBad => Level <= 2;

    /// <summary>好评: 非常满意, 满意 or 基本满意 (a default rating of 基本满意 counts).</summary>
    public bool IsGood => Level >= 3;

    /// <summary>The services a rating is about.</summary>
    public static class Stages
    {
        public const string Accepted = "accepted";
        public const string Finished = "finished";
    }
}
