using System.Globalization;
using HongqiFlow.Messages;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Http;
using HongqiFlow.Server.Logging;

namespace HongqiFlow.Server.Cases;

public sealed record ClockView(bool Started, bool Paused, bool Stopped, double ElapsedHours, double? RemainingPromisedHours, double? RemainingStatutoryHours, bool OverduePromised, bool OverdueStatutory)
{
    public static ClockView From(ClockReport c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ClockView(c.Started, c.Paused, c.Stopped, Math.Round(c.Elapsed.TotalHours, 3), c.RemainingPromised is { } p ? Math.Round(p.TotalHours, 3) : null,
            c.RemainingStatutory is { } s ? Math.Round(s.TotalHours, 3) : null, c.OverduePromised, c.OverdueStatutory);
    }
}

public sealed record WarningView(string Level, string Scope, DateTimeOffset At, string? ScopeTitle = null)
{
    /// <summary>The warning, its scope named by the definition (null for the whole case).</summary>
    public static WarningView From(CaseWarning w, CompiledDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(definition);
        return From(w, definition.ScopeTitle(w.Scope));
    }

    /// <summary>The warning with its scope's title found beforehand (a simulated draft's definition is gone by then).</summary>
    public static WarningView From(CaseWarning w, string? scopeTitle)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new(w.Level.ToString().ToLowerInvariant(), w.Scope, w.At, scopeTitle);
    }
}

public sealed record ObligationView(string Id, string Kind, DateTimeOffset Opened, DateTimeOffset Due, string Status, IReadOnlyList<string> Materials)
{
    public static ObligationView From(Obligation o) => new(o.Id, o.Kind.ToString().ToLowerInvariant(), o.Opened, o.Due, o.Status.ToString().ToLowerInvariant(), [.. o.Materials]);
}

public sealed record RejectionView(string Code, string Reason, string ReasonEnglish, IReadOnlyList<PermittedView> Permitted)
{
    /// <summary>The id of the reason in the message catalog, which the web app renders with <see cref="Arguments"/>.</summary>
    public string? Message { get; init; }

    /// <summary>The reason's values, each as written in Chinese and in English.</summary>
    public IReadOnlyDictionary<string, MessageValueView>? Arguments { get; init; }

    public static RejectionView From(Rejection r) => new(r.Code, r.Reason, r.ReasonEnglish, [.. r.Permitted.Select(PermittedView.From)])
    {
        Message = r.Message.Id,
        Arguments = r.Message.Arguments.ToDictionary(a => a.Name, a => MessageValueView.From(a.Value), StringComparer.Ordinal),
    };
}

/// <summary>One value of a message, as written in each language (<see cref="MessageCatalog.Write"/>).</summary>
public sealed record MessageValueView(string Zh, string En)
{
    public static MessageValueView From(object? value) =>
        new(MessageCatalog.Default.Write(value, Language.Chinese), MessageCatalog.Default.Write(value, Language.English));
}

/// <summary>
/// One history entry; personal data in its values is masked unless the caller needs it: ID and phone numbers, and the
/// applicant's name where a text carries it (a notice's body), as the case view masks it (张三丰 → 张**).
/// </summary>
public sealed record EventView(long Sequence, string Type, DateTimeOffset At, string Role, string User, string Channel, string? Region, IReadOnlyDictionary<string, string?> Data, bool Flagged)
{
    /// <summary>代理: the person the user acted for as their deputy.</summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>The person's display name, when the token gave one.</summary>
    public string? UserName { get; init; }

    public static EventView From(CaseEvent e, bool masked, string? applicantName = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        string? Show(object? value)
        {
            var text = value switch
            {
                null => null,
                string s => s,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                IReadOnlyDictionary<string, object?> map => string.Join(", ", map.Select(kv => $"{kv.Key} → {kv.Value}")),
                System.Collections.IEnumerable list => string.Join(", ", list.Cast<object?>()),
                _ => value.ToString(),
            };
            return masked ? ApplicantText.Mask(text, applicantName) : text;
        }

        return new EventView(e.Sequence, e.Type, e.At, e.Actor.RoleText, masked ? Mask(e.Actor.UserId) : e.Actor.UserId, e.Channel.ToString().ToLowerInvariant(), e.Region,
            e.Data.ToDictionary(kv => kv.Key, kv => Show(kv.Value), StringComparer.Ordinal), e.Flagged)
        {
            OnBehalfOf = e.Actor.OnBehalfOf is { } principal ? (masked ? Mask(principal) : principal) : null,
            UserName = e.Actor.Name,
        };
    }

    private static string Mask(string user) => user.Length <= 2 ? user : user[..2] + new string('*', Math.Min(4, user.Length - 2));
}

public sealed record ApplicantView(string Name, string? IdNumber, string? Phone)
{
    public static ApplicantView? From(Applicant? a, bool masked) => a is null ? null
        : masked ? new ApplicantView(MaskName(a.Name), a.MaskedIdNumber, a.MaskedPhone) : new ApplicantView(a.Name, a.IdNumber, a.Phone);

    /// <summary>张三丰 → 张**: the family name is enough for the applicant to recognise their case.</summary>
    public static string MaskName(string name) => string.IsNullOrEmpty(name) ? name : name[..1] + new string('*', Math.Max(1, name.Length - 1));
}

public sealed record RegionView(string Region, string State, string Title, string? Department, DateTimeOffset EnteredAt, bool Final);

public sealed record MaterialsView(IReadOnlyList<string> Submitted, IReadOnlyList<string> Missing, IReadOnlyList<string> Tolerated, IReadOnlyList<string> Committed, IReadOnlyList<string> Shared)
{
    public static MaterialsView From(CaseMaterials m) => From(m, masked: false);

    /// <summary>The materials; for those who read masked, a certificate number that is a resident ID (居民身份证) is masked.</summary>
    public static MaterialsView From(CaseMaterials m, bool masked) => new([.. m.Submitted], [.. m.Missing], [.. m.Tolerated], [.. m.Committed], [.. m.Shared])
    {
        Certificates = [.. m.Certificates.Select(c => CertificateView.From(c, masked))],
    };

    /// <summary>电子证照 that stand in for materials (GB/T 36904 identifiers).</summary>
    public IReadOnlyList<CertificateView> Certificates { get; init; } = [];
}

/// <summary>An e-certificate reference recorded in the case: which material it satisfies and what identifies it.</summary>
public sealed record CertificateView(string Material, string Type, string? Name, string Identifier, string Issuer, string IssuerCode, string Trust, string? Source, DateTimeOffset At)
{
    public static CertificateView From(CertificateReference c, bool masked) =>
        new(c.Material, c.Type, c.Name, masked ? ApplicantText.Mask(c.Identifier, null)! : c.Identifier, c.Issuer, c.IssuerCode, c.Trust, c.Source, c.At);
}

public sealed record RatingView(int Level, string? Comment, DateTimeOffset At, bool Defaulted, bool Bad)
{
    /// <summary>The rating; for those who read masked the comment is masked as every applicant text is (<see cref="ApplicantText"/>).</summary>
    public static RatingView? From(CaseRating? r, bool masked, string? applicantName) =>
        r is null ? null : new RatingView(r.Level, masked ? ApplicantText.Mask(r.Comment, applicantName) : r.Comment, r.At, r.Defaulted, r.IsBad)
        {
            Stage = r.Stage,
            Channel = r.Channel,
            Category = r.Category,
        };

    /// <summary>The rated service: finished (办结) or, under 一次一评, accepted (受理).</summary>
    public string Stage { get; init; } = CaseRating.Stages.Finished;

    /// <summary>The rating channel (评价渠道): window, online, app, kiosk, sms or hotline; null for a default rating.</summary>
    public string? Channel { get; init; }

    /// <summary>The bad-rating category (差评类别) chosen, when the item declares categories.</summary>
    public string? Category { get; init; }
}

/// <summary>GET /api/cases/{id}: the case now as the caller sees it, with the events the caller may send.</summary>
public sealed record CaseResponse(
    string CaseId,
    string Receipt,
    string DefinitionId,
    string Item,
    string ItemName,
    string MainState,
    IReadOnlyList<RegionView> Regions,
    string? Outcome,
    bool Suspended,
    ApplicantView? Applicant,
    string Channel,
    bool Assisted,
    MaterialsView Materials,
    ClockView Clock,
    IReadOnlyList<WarningView> Warnings,
    IReadOnlyList<ObligationView> Obligations,
    IReadOnlyList<PermittedView> Permitted,
    RatingView? Rating,
    long Version)
{
    /// <summary>The applicant's verification code for the progress page; only for the window and admins, who reprint receipts.</summary>
    public string? VerificationCode { get; init; }
}

public sealed record StartCaseApplicant(string? Name, string? IdNumber, string? Phone, bool BadCredit, bool FalsePledge);

/// <summary>POST /api/cases: the application as received at the window (or online).</summary>
public sealed record StartCaseRequest(string? Item, StartCaseApplicant? Applicant, IReadOnlyList<string>? Submitted, string? Channel, bool Assisted, Dictionary<string, System.Text.Json.JsonElement>? Data, string? IdempotencyKey);

/// <summary>The receipt, the verification code for the applicant's progress page, what is missing and what the window may do now.</summary>
public sealed record StartCaseResponse(string CaseId, string Receipt, string VerificationCode, IReadOnlyList<string> Missing, IReadOnlyList<PermittedView> MayDo, CaseResponse Case, bool Repeat);

/// <summary>POST /api/cases/{id}/events.</summary>
public sealed record SendEventRequest(string? Event, string? Branch, Dictionary<string, System.Text.Json.JsonElement>? Payload, string? Channel, string? IdempotencyKey);

public sealed record SendEventResponse(string CaseId, long Version, bool Repeat, IReadOnlyList<EventView> Events, CaseResponse Case);
