using System.Globalization;
using System.Text.RegularExpressions;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Messages;

namespace HongqiFlow.Runtime;

/// <summary>
/// Renders notification templates (the item's, then the organization's) with <c>{{placeholders}}</c>. ID numbers and
/// phone numbers are masked in rendered text: a notice never needs them in full.
/// </summary>
public static partial class Templates
{
    /// <summary>What a placeholder without a value renders as.</summary>
    public const string NoValue = "—";

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}")]
    private static partial Regex Placeholder();

    public static (string Title, string Body) Render(CompiledDefinition definition, CaseState state, NotificationRule rule, DateTimeOffset now, string subject)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(rule);
        var template = definition.Template(rule.Template);
        if (template is null)
        {
            // The validator reports unknown templates; at run time the notification still says what happened.
            return (rule.Template, Message.Of("notification.untemplated", ("item", definition.Definition.Item.Name), ("receipt", state.Receipt), ("subject", subject)).Chinese);
        }

        // A placeholder without a value (no ID number given, nothing missing, an unknown key) reads as a dash, never as
        // the raw {{placeholder}}.
        // An obligation rule speaks of its own obligation: obligation.due is that one's, not whichever opened last.
        var obligation = rule.Kind == NotificationTriggerKind.Obligation ? subject : null;
        string Replace(string text) => Placeholder().Replace(text, m => Value(definition, state, m.Groups[1].Value, now, subject, obligation) is { Length: > 0 } v ? v : NoValue);
        return (Replace(template.Title), Replace(template.Body));
    }

    private static string? Value(CompiledDefinition definition, CaseState state, string key, DateTimeOffset now, string subject, string? obligationId)
    {
        var item = definition.Definition.Item;
        var calendar = definition.Calendar;
        string Names(IEnumerable<string> ids) => string.Join("、", ids.Select(definition.MaterialName));
        string Time(DateTimeOffset? t) => t is { } v ? TimeZoneInfo.ConvertTime(v, calendar.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : string.Empty;
        switch (key)
        {
            case "applicant.name": return state.Applicant?.Name;
            case "applicant.idNumber": return state.Applicant?.MaskedIdNumber;
            case "applicant.phone": return state.Applicant?.MaskedPhone;
            case "item.name": return item.Name;
            case "item.code": return item.Code;
            case "item.result": return item.Result;
            case "item.promised": return item.TimeLimit?.Promised is { } p ? p.InChinese() : string.Empty;
            case "item.statutory": return item.TimeLimit?.Statutory is { } s ? s.InChinese() : string.Empty;
            case "case.id": return state.CaseId;
            case "case.receipt": return state.Receipt;
            case "case.acceptedAt": return Time(state.Clock.AcceptedAt);
            case "case.outcome": return Outcome(state.Outcome);
            case "case.state": return definition.Main.TitleOf(state.MainState);
            case "missing": return Names(state.NoticeGiven && state.Materials.Missing.Count == 0 ? state.FirstNotice : state.Materials.Missing);
            case "tolerated": return Names(state.Materials.Tolerated);
            case "committed": return Names(state.Materials.Committed);
            case "obligation.due":
                // On an obligation's own rule, that obligation (open or not); elsewhere the one opened last and still open.
                var o = obligationId is not null ? state.Obligations.LastOrDefault(x => x.Id == obligationId) : state.Obligations.LastOrDefault(x => x.IsOpen);
                return Time(o?.Due);
            case "supplement.due": return Time(state.Obligations.LastOrDefault(x => x.Id == Obligation.SupplementId)?.Due);
            case "verification.due": return Time(state.Obligations.LastOrDefault(x => x.Id == Obligation.VerificationId)?.Due);
            case "warning.level": return subject == "red" ? Message.Of("warning.red").Chinese : subject == "yellow" ? Message.Of("warning.yellow").Chinese : subject;
            case "clock.elapsed": return Clocks.Describe(Clocks.Report(definition, state, now).Elapsed, calendar);
            case "clock.remaining":
                var r = Clocks.Report(definition, state, now).RemainingPromised;
                return r is { } rem ? (rem < TimeSpan.Zero ? Message.Of("clock.overdue", ("duration", Clocks.Describe(-rem, calendar))).Chinese : Clocks.Describe(rem, calendar)) : string.Empty;
            default:
                if (key.StartsWith("data.", StringComparison.Ordinal))
                {
                    return state.Data.GetString(key["data.".Length..]);
                }

                return null;
        }
    }

    // The words of the message catalog (outcome.*); an outcome it does not know reads as written.
    private static string Outcome(string? outcome) => outcome switch
    {
        "approved" => Message.Of("outcome.approved").Chinese,
        "rejected" => Message.Of("outcome.rejected").Chinese,
        "terminated" => Message.Of("outcome.terminated").Chinese,
        "revoked" => Message.Of("outcome.revoked").Chinese,
        "withdrawn" => Message.Of("outcome.withdrawn").Chinese,
        "not-accepted" => Message.Of("outcome.not-accepted").Chinese,
        "returned" => Message.Of("outcome.returned").Chinese,
        null => Message.Of("outcome.in-progress").Chinese,
        _ => outcome,
    };
}
