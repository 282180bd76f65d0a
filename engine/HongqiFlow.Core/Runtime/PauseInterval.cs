namespace HongqiFlow.Runtime;

/// <summary>A period excluded from the time limit. <see cref="Reason"/> is a special-procedure id, <c>waiting-applicant</c> or <c>suspended</c>.</summary>
public sealed record PauseInterval(DateTimeOffset From, DateTimeOffset? To, string Reason)
{
    public const string WaitingApplicant = "waiting-applicant";
    public const string Suspended = "suspended";

    /// <summary>
    /// The region whose state caused the pause (<c>main</c>, or a branch such as <c>approval/market</c> for an
    /// on-site inspection during the market branch); null for <c>procedure-start</c>, a suspension or an older history.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Region { get; init; }

    public bool IsOpen => To is null;
}
