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

/// <summary>
/// 好差评 (GB/T 39734-2020): five levels; 非常满意, 满意 and 基本满意 are good ratings, 不满意 and 非常不满意 bad ones,
/// which are verified (核实), rectified (整改) within <see cref="RectifyWithin"/> and followed up (回访).
/// </summary>
public sealed record RatingPolicy : ModelNode
{
    /// <summary>一事一评 (one rating per case, once finished) or 一次一评 (one per service: at acceptance and at the end).</summary>
    public RatingPer Per { get; init; } = RatingPer.Matter;

    /// <summary>The channels a rating may come from (<see cref="RatingChannels"/>); empty: all of them.</summary>
    public ValueList<string> Channels { get; init; } = ValueList<string>.Empty;

    /// <summary>The bad-rating categories (差评类别); when declared, a bad rating names one of them.</summary>
    public ValueList<RatingCategory> Categories { get; init; } = ValueList<RatingCategory>.Empty;

    /// <summary>When true, a bad rating is verified (核实) before its rectification is recorded.</summary>
    public bool VerificationRequired { get; init; }

    public Time.Duration RectifyWithin { get; init; } = Time.Duration.WorkingDays(15);

    /// <summary>When set, a finished case left unrated this long gets <see cref="DefaultLevel"/>.</summary>
    public Time.Duration? DefaultAfter { get; init; }

    /// <summary>1 = 非常不满意 … 5 = 非常满意; 3 = 基本满意.</summary>
    public int DefaultLevel { get; init; } = 3;
}

/// <summary>How often a case may be rated (GB/T 39734-2020).</summary>
public enum RatingPer
{
    /// <summary>一事一评: one rating of the whole case, once it is finished.</summary>
    Matter,

    /// <summary>一次一评: one rating per service the applicant received — the acceptance (受理) and the end (办结).</summary>
    Service,
}

/// <summary>A bad-rating category (差评类别), e.g. <c>attitude</c> 服务态度.</summary>
public sealed record RatingCategory : ModelNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }
}

/// <summary>The rating channels (评价渠道) of GB/T 39734-2020 by their names in the language.</summary>
public static class RatingChannels
{
    /// <summary>The window's rating device or code (窗口评价器、二维码).</summary>
    public const string Window = "window";

    /// <summary>The online portal (网上办事大厅).</summary>
    public const string Online = "online";

    /// <summary>The mobile app or mini program (移动端).</summary>
    public const string App = "app";

    /// <summary>A self-service terminal (自助终端).</summary>
    public const string Kiosk = "kiosk";

    /// <summary>A text message answered by the applicant (短信).</summary>
    public const string Sms = "sms";

    /// <summary>The 12345 government hotline (热线电话).</summary>
    public const string Hotline = "hotline";

    public static IReadOnlyList<string> All { get; } = [Window, Online, App, Kiosk, Sms, Hotline];
}

/// <summary>How a follow-up (回访) reached the applicant: 电话, 短信, 上门, 网上, 信函.</summary>
public static class FollowUpMethods
{
    public static IReadOnlyList<string> All { get; } = ["phone", "sms", "visit", "online", "letter"];
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
