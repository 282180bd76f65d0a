using System.Globalization;
using System.Net;
using System.Text;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using HongqiFlow.Server.Http;
using HongqiFlow.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HongqiFlow.Server.Cases;

/// <summary>
/// The printable documents of a case as HTML with print CSS, in Chinese: 受理回执, 一次性告知书 (every missing material),
/// 容缺受理通知书 and 办理结果通知书. Personal data is masked: a printed paper travels. The verification code is printed
/// only when the caller may hand it to the applicant (window, admin); otherwise it is null and left out.
/// </summary>
public static class Documents
{
    public static IReadOnlyList<string> Kinds { get; } = ["receipt", "one-time-notice", "tolerance-notice", "decision"];

    private static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");

    public static (string? Html, ProblemHttpResult? Problem) Render(string kind, CaseView view, CompiledDefinition definition, IReadOnlyList<CaseEvent> history, string? verificationCode)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(definition);
        var state = view.State;
        var item = definition.Definition.Item;
        var body = new StringBuilder();
        string title;
        DateTimeOffset? dated;
        switch (kind)
        {
            case "receipt":
                if (!state.Clock.Started)
                {
                    return (null, Problems.Conflict($"case '{state.CaseId}' has not been accepted yet; there is no acceptance receipt (state {state.MainState})", "办件尚未受理，还没有受理回执"));
                }

                title = "受理回执";
                dated = state.Clock.AcceptedAt;
                body.Append(P($"申请人 {Name(state)}：您申请的“{item.Name}”已于 {Time(state.Clock.AcceptedAt!.Value)} 受理。"));
                var accepted = state.Clock.AcceptedAt!.Value;
                string Limit(Duration? limit) => limit is { } d ? $"{d.InChinese()}（{Time(definition.Calendar.Due(accepted, d, definition.DayCounting))} 前）" : "—";
                // The code only on the window's (and an admin's) print: whoever else holds it could rate as the applicant.
                (string, string)[] rows = verificationCode is null
                    ? [("受理编号", state.Receipt)]
                    : [("受理编号", state.Receipt), ("查询验证码", verificationCode)];
                body.Append(Table([.. rows, ("承诺办结时限", Limit(item.TimeLimit?.Promised)),
                    ("法定办结时限", Limit(item.TimeLimit?.Statutory)), ("受理方式", ChannelName(state))]));
                body.Append(Certificates(definition, state));
                body.Append(P("凭受理编号和验证码可随时查询办理进度。"));
                break;
            case "one-time-notice":
                if (NoticeOf(state, history) is not { } notice)
                {
                    return (null, Problems.Conflict($"case '{state.CaseId}' has no one-time notification: nothing was missing when it was received", "收件时材料齐全，没有一次性告知书"));
                }

                title = "一次性告知书";
                dated = notice.At;
                body.Append(P($"申请人 {Name(state)}：您申请的“{item.Name}”（受理编号 {state.Receipt}）材料不齐全，现一次性告知须补齐的全部材料："));
                body.Append(MaterialList(definition, notice.Materials));
                var deadline = notice.Deadline;
                body.Append(P(deadline is null
                    ? "请一次补齐上述全部材料后再次提交。本告知书所列以外的材料，不得要求您另行提交。"
                    : $"请于 {Time(deadline.Due)} 前一次补齐上述全部材料后再次提交；逾期未补齐的，按“{definition.Main.TitleOf(deadline.Target!)}”办理。本告知书所列以外的材料，不得要求您另行提交。"));
                break;
            case "tolerance-notice":
                var supplement = state.Obligations.LastOrDefault(o => o.Id == Obligation.SupplementId);
                if (state.Materials.Tolerated.Count == 0 && supplement is null)
                {
                    return (null, Problems.Conflict($"case '{state.CaseId}' was not accepted with tolerance (容缺受理)", "该办件不是容缺受理的，没有容缺受理通知书"));
                }

                title = "容缺受理通知书";
                dated = state.Clock.AcceptedAt;
                body.Append(P($"申请人 {Name(state)}：您申请的“{item.Name}”（受理编号 {state.Receipt}）已容缺受理。请于 {(supplement is null ? "—" : Time(supplement.Due))} 前补齐以下材料："));
                body.Append(MaterialList(definition, supplement?.Materials.Count > 0 ? supplement.Materials : state.Materials.Tolerated));
                body.Append(P($"补齐前不予出具办理结果；逾期未补齐的，按规定{(definition.Definition.Tolerance?.OnBreach == "terminated" ? "终止办理" : "退件")}。"));
                break;
            case "decision":
                if (state.Outcome is null)
                {
                    return (null, Problems.Conflict($"case '{state.CaseId}' is not decided yet (state {state.MainState})", "办件尚未办结，还没有办理结果通知书"));
                }

                title = "办理结果通知书";
                dated = state.Clock.StoppedAt;
                var final = definition.Main.TitleOf(state.MainState);
                body.Append(P($"申请人 {Name(state)}：您申请的“{item.Name}”（受理编号 {state.Receipt}）已办结。"));
                body.Append(Table(("办理结果", final), ("结果材料", item.Result ?? "—"), ("办结时间", state.Clock.StoppedAt is { } stopped ? Time(stopped) : "—")));
                body.Append(Certificates(definition, state));
                body.Append(P("欢迎您对本次服务作出评价（好差评）。"));
                break;
            default:
                return (null, Problems.NotFound($"no document '{kind}'; documents are: {string.Join(", ", Kinds)}", $"没有文书“{kind}”"));
        }

        return (Page(title, item.Name, body.ToString(), dated), null);
    }

    /// <summary>
    /// The one-time notice of a case: the materials it lists (the notice event's, else the first notice's), when it was
    /// given, and — while the case still waits for them — the waiting state's timer (until when, and where the case goes
    /// after). Null when no notice was given.
    /// </summary>
    public static OneTimeNotice? NoticeOf(CaseState state, IReadOnlyList<CaseEvent> history)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(history);
        var notice = history.LastOrDefault(e => e.Type == CaseEventTypes.Notice);
        var listed = notice?.Data.GetStrings("materials") is { Count: > 0 } fromEvent ? fromEvent : (IReadOnlyList<string>)[.. state.FirstNotice];
        if (!state.NoticeGiven && listed.Count == 0)
        {
            return null;
        }

        var deadline = state.Timers.FirstOrDefault(t => t.Kind == TimerKind.After && t.Region == RegionState.Main && t.State == state.MainState && t.Target is not null);
        return new OneTimeNotice(listed, notice?.At, deadline);
    }

    private static string Name(CaseState state) => WebUtility.HtmlEncode(state.Applicant is { } a ? ApplicantView.MaskName(a.Name) : "—");

    private static string ChannelName(CaseState state) => (state.Channel, state.Assisted) switch
    {
        (_, true) => "帮办代办",
        (Channel.Online, _) => "网上申请",
        _ => "窗口受理",
    };

    private static string Time(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, China).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);

    private static string P(string text) => $"<p>{WebUtility.HtmlEncode(text)}</p>\n";

    private static string Table(params (string Key, string Value)[] rows) =>
        "<table>\n" + string.Concat(rows.Select(r => $"<tr><th>{WebUtility.HtmlEncode(r.Key)}</th><td>{WebUtility.HtmlEncode(r.Value)}</td></tr>\n")) + "</table>\n";

    /// <summary>电子证照: the materials an e-certificate stood in for, with what identifies it; empty when none did.</summary>
    private static string Certificates(CompiledDefinition definition, CaseState state)
    {
        if (state.Materials.Certificates.Count == 0)
        {
            return string.Empty;
        }

        var rows = state.Materials.Certificates.Select(c =>
            $"<tr data-certificate=\"{WebUtility.HtmlEncode(c.Identifier)}\"><td>{WebUtility.HtmlEncode(definition.MaterialName(c.Material))}</td><td>{WebUtility.HtmlEncode(c.Name ?? c.Type)}</td>"
            + $"<td>{WebUtility.HtmlEncode(ApplicantText.Mask(c.Identifier, null))}</td><td>{WebUtility.HtmlEncode(c.Issuer)}</td><td>{WebUtility.HtmlEncode(TrustName(c.Trust))}</td></tr>\n");
        return P("以下材料以电子证照代替纸质材料：")
            + "<table class=\"certificates\">\n<tr><th>材料</th><th>电子证照</th><th>证照标识</th><th>颁发机构</th><th>可信等级</th></tr>\n" + string.Concat(rows) + "</table>\n";
    }

    /// <summary>The trust levels (<see cref="CertificateTrust"/>) as a paper reads them.</summary>
    public static string TrustName(string trust) => trust switch
    {
        CertificateTrust.Signed => "电子印章验证通过",
        CertificateTrust.Library => "证照库核验",
        CertificateTrust.Presented => "申请人亮证（未核验）",
        _ => trust,
    };

    private static string MaterialList(CompiledDefinition definition, IEnumerable<string> ids) =>
        "<ol class=\"materials\">\n" + string.Concat(ids.Select(id => $"<li data-material=\"{WebUtility.HtmlEncode(id)}\">{WebUtility.HtmlEncode(definition.MaterialName(id))}</li>\n")) + "</ol>\n";

    /// <summary>The printed page: title, body, and the seal with the document's date (the day it speaks of, in China time).</summary>
    private static string Page(string title, string itemName, string body, DateTimeOffset? dated) => $$"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <title>{{WebUtility.HtmlEncode(title)}} · {{WebUtility.HtmlEncode(itemName)}}</title>
        <style>
          body { font-family: "Noto Serif CJK SC", "Songti SC", serif; max-width: 180mm; margin: 16mm auto; color: #000; line-height: 1.8; }
          h1 { text-align: center; font-size: 22pt; letter-spacing: 0.3em; }
          table { border-collapse: collapse; width: 100%; margin: 8pt 0; }
          th, td { border: 1px solid #000; padding: 4pt 8pt; text-align: left; }
          th { width: 30%; background: #f2f2f2; }
          .certificates th { width: auto; }
          .seal { margin-top: 24pt; text-align: right; }
          @page { size: A4; margin: 20mm; }
          @media print { body { margin: 0; } .no-print { display: none; } }
        </style>
        </head>
        <body>
        <h1>{{WebUtility.HtmlEncode(title)}}</h1>
        {{body}}<p class="seal">政务服务中心（盖章）<br><span class="date">{{(dated is { } d ? TimeZoneInfo.ConvertTime(d, China).ToString("yyyy年M月d日", CultureInfo.InvariantCulture) : "　　年　　月　　日")}}</span></p>
        <button class="no-print" onclick="window.print()">打印</button>
        </body>
        </html>
        """;
}

/// <summary>A case's one-time notice (<see cref="Documents.NoticeOf"/>): the materials, when, and the deadline while it runs.</summary>
public sealed record OneTimeNotice(IReadOnlyList<string> Materials, DateTimeOffset? At, DueTimer? Deadline);
