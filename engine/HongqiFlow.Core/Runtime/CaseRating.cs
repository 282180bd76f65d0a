namespace HongqiFlow.Runtime;

/// <summary>好差评: 5 非常满意 … 1 非常不满意; levels 1–2 are bad ratings (差评).</summary>
public sealed record CaseRating(int Level, string? Comment, DateTimeOffset At, bool Defaulted)
{
    public bool IsBad => Level <= 2;
}
