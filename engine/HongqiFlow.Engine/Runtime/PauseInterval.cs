namespace HongqiFlow.Runtime;

/// <summary>A period excluded from the time limit. <see cref="Reason"/> is a special-procedure id, <c>waiting-applicant</c> or <c>suspended</c>.</summary>
public sealed record PauseInterval(DateTimeOffset From, DateTimeOffset? To, string Reason)
{
    public const string WaitingApplicant = "waiting-applicant";
    public const string Suspended = "suspended";

    public bool IsOpen => To is null;
}
