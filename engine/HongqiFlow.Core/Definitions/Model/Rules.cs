namespace HongqiFlow.Definitions.Model;

/// <summary>容缺受理: accept with some tolerable materials missing, against a supplement obligation.</summary>
public sealed record ToleranceRule : ModelNode
{
    public int MaxMissing { get; init; } = 1;

    /// <summary>Deadline of the supplement obligation, counted from acceptance; at most the promised limit.</summary>
    public required Time.Duration SupplementWithin { get; init; }

    /// <summary>The state the case moves to when the supplement deadline passes (terminated or returned).</summary>
    public required string OnBreach { get; init; }

    /// <summary>Applicants flagged for bad credit may not be accepted with tolerance.</summary>
    public bool ExcludeBadCredit { get; init; } = true;
}

/// <summary>告知承诺: decide on the applicant's pledge, verify afterwards.</summary>
public sealed record CommitmentRule : ModelNode
{
    /// <summary>Deadline of the post-verification obligation (事后核查), counted from the decision.</summary>
    public required Time.Duration VerifyWithin { get; init; }

    /// <summary>The state a failed verification moves the case to (usually revoked), even after completion.</summary>
    public required string OnFalse { get; init; }

    /// <summary>Applicants with a past false pledge may not use commitment.</summary>
    public bool ExcludeFalsePledgeHistory { get; init; } = true;
}

/// <summary>好差评: five levels, one rating per case; bad ratings must be rectified and answered.</summary>
public sealed record RatingPolicy : ModelNode
{
    public Time.Duration RectifyWithin { get; init; } = Time.Duration.WorkingDays(15);

    /// <summary>When set, a finished case left unrated this long gets <see cref="DefaultLevel"/>.</summary>
    public Time.Duration? DefaultAfter { get; init; }

    /// <summary>1 = 非常不满意 … 5 = 非常满意; 3 = 基本满意.</summary>
    public int DefaultLevel { get; init; } = 3;
}

/// <summary>A deadline-bound duty attached to a case that can outlive the main flow.</summary>
public sealed record ObligationDefinition : ModelNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required Time.Duration Within { get; init; }

    /// <summary>Where the case goes when the obligation is breached; null only warns.</summary>
    public string? OnBreach { get; init; }

    /// <summary>Reminders, each this long before the due time.</summary>
    public ValueList<Time.Duration> Remind { get; init; } = ValueList<Time.Duration>.Empty;
}

/// <summary>A notification text with <c>{{placeholders}}</c>.</summary>
public sealed record TemplateDefinition : ModelNode
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    /// <summary>
    /// The triggers (as written in <c>on:</c>) whose outcome this text states, e.g. <c>obligation verification breached</c>
    /// for a notice that a permit was revoked and a credit record written; empty for a text true whenever it is sent.
    /// </summary>
    public ValueList<string> For { get; init; } = ValueList<string>.Empty;
}

public enum NotificationTriggerKind
{
    /// <summary><c>enter STATE</c></summary>
    EnterState,

    /// <summary><c>event NAME</c></summary>
    Event,

    /// <summary><c>warning yellow|red</c></summary>
    Warning,

    /// <summary><c>obligation ID opened|due|overdue|breached|fulfilled</c></summary>
    Obligation,
}

/// <summary>Send a rendered template to someone when something happens.</summary>
public sealed record NotificationRule : ModelNode
{
    public required NotificationTriggerKind Kind { get; init; }

    /// <summary>The state, event, warning level or obligation id named by the trigger.</summary>
    public required string Subject { get; init; }

    /// <summary>For obligation triggers: opened, due (a reminder), overdue (事后核查 past its due time, still open), breached or fulfilled.</summary>
    public string? Phase { get; init; }

    /// <summary>applicant, window, supervisor, lead or department:ID.</summary>
    public required string To { get; init; }

    public required string Template { get; init; }

    /// <summary>sms, portal, email…; delivery chooses the channel.</summary>
    public string? Channel { get; init; }

    /// <summary>The trigger as written in <c>on:</c>, in its one spelling: <c>enter issued</c>, <c>obligation verification breached</c>.</summary>
    public string Trigger => Kind switch
    {
        NotificationTriggerKind.EnterState => $"enter {Subject}",
        NotificationTriggerKind.Event => $"event {Subject}",
        NotificationTriggerKind.Warning => $"warning {Subject}",
        _ => $"obligation {Subject} {Phase}",
    };
}
