using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>
/// The operations console against a real server in Debian's Chromium, each role with its own token: the window, the
/// four departments of 企业开办, the applicant (no login, a phone) and the supervisor.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed partial class ConsoleTests(DesignerServer server)
{
    private const string IdNumber = "110101199003074514";
    private const string Phone = "13800138000";

    private static string Images => Path.Combine(DesignerServer.RepositoryRoot, "docs", "images");

    private Task RunAsync(string name, Func<List<IPage>, Task> body) => server.RunPagesAsync(name, body);

    private async Task<IPage> PageAsync(List<IPage> pages, string path, string? token, int width = 1600, int height = 1000, bool mobile = false)
    {
        var page = await server.NewPageAsync(token, width, height, mobile);
        pages.Add(page);
        await page.GotoAsync(new Uri(server.BaseUrl, path).ToString());
        return page;
    }

    private static async Task SaveImageAsync(IPage page, string file, bool fullPage = false)
    {
        Directory.CreateDirectory(Images);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Images, file), FullPage = fullPage });
    }

    /// <summary>Receives a 企业开办 application at the window with the given materials left unticked; returns the receipt number.</summary>
    private static async Task<string> ReceiveAsync(IPage window, string name, params string[] unticked)
    {
        await window.GetByTestId("item-search").FillAsync("qykb");
        await window.Locator("[data-item='QYKB-0001']").ClickAsync();
        await window.GetByTestId("applicant-name").FillAsync(name);
        await window.GetByTestId("applicant-id").FillAsync(IdNumber);
        await window.GetByTestId("applicant-phone").FillAsync(Phone);
        foreach (var material in unticked)
        {
            await window.Locator($"[data-testid=checklist] tr[data-material='{material}'] input").UncheckAsync();
        }

        await window.GetByTestId("receive").ClickAsync();
        var banner = await window.GetByTestId("received").InnerTextAsync();
        return ReceiptPattern().Match(banner).Value;
    }

    private static async Task<string> DashboardValueAsync(IPage dashboard, string testId)
    {
        await dashboard.ReloadAsync();
        await dashboard.GetByTestId("cards").WaitForAsync();
        return await dashboard.GetByTestId(testId).InnerTextAsync();
    }

    [SkippableFact]
    public Task Journey_EnterpriseWithOneToleratedMaterial_FourDepartmentsApproveIssueRatingTicketAndDashboard() =>
        RunAsync(nameof(Journey_EnterpriseWithOneToleratedMaterial_FourDepartmentsApproveIssueRatingTicketAndDashboard), async pages =>
        {
            var supervisor = await PageAsync(pages, "dashboard", await server.TokenAsync("--role", "supervisor"));
            var casesBefore = int.Parse(await DashboardValueAsync(supervisor, "total-cases"), System.Globalization.CultureInfo.InvariantCulture);

            // The window: an ID number with a wrong check digit is refused before anything is sent.
            var window = await PageAsync(pages, "window", await server.TokenAsync("--role", "window"));
            // Instant items (即办件, done on the spot) are marked in the list.
            (await window.Locator("[data-item='SBDJ-0201']").InnerTextAsync()).ShouldContain("即办件");
            (await window.Locator("[data-item='QYKB-0001']").InnerTextAsync()).ShouldNotContain("即办件");
            await window.GetByTestId("item-search").FillAsync("qykb");
            await window.Locator("[data-item='QYKB-0001']").ClickAsync();
            await window.GetByTestId("applicant-name").FillAsync("张三丰");
            await window.GetByTestId("applicant-id").FillAsync("110101199003074515");
            (await window.GetByTestId("id-check").InnerTextAsync()).ShouldBe("校验码不符（GB 11643）");
            (await window.GetByTestId("receive").IsDisabledAsync()).ShouldBeTrue();
            await window.GetByTestId("applicant-id").FillAsync(IdNumber);
            (await window.GetByTestId("id-check").InnerTextAsync()).ShouldBe("身份证号校验通过");
            // So is a phone number the server would refuse, in the clerk's words.
            await window.GetByTestId("applicant-phone").FillAsync("138-1234-567x");
            (await window.GetByTestId("phone-check").InnerTextAsync()).ShouldStartWith("电话号码格式不对");
            (await window.GetByTestId("receive").IsDisabledAsync()).ShouldBeTrue();
            await window.GetByTestId("applicant-phone").FillAsync(Phone);
            (await window.GetByTestId("phone-check").CountAsync()).ShouldBe(0);
            (await window.Locator("tr[data-material='legal-rep-id']").InnerTextAsync()).ShouldContain("数据共享获取，免提交");
            (await window.Locator("tr[data-material='application']").InnerTextAsync()).ShouldContain("核心材料");
            await window.Locator("[data-testid=checklist] tr[data-material='shareholder-resolution'] input").UncheckAsync();
            (await window.GetByTestId("missing-preview").InnerTextAsync()).ShouldBe("尚缺 1 项：股东会决议");
            await window.GetByTestId("receive").ClickAsync();
            var receipt = ReceiptPattern().Match(await window.GetByTestId("received").InnerTextAsync()).Value;
            receipt.ShouldNotBeEmpty();

            // What the window may do now comes from the engine: tolerance yes, a plain accept no (a material is missing).
            var actions = window.GetByTestId("actions");
            (await actions.Locator("[data-event='accept-tolerated']").CountAsync()).ShouldBe(1);
            (await actions.Locator("[data-event='accept']").CountAsync()).ShouldBe(0);
            (await actions.Locator("[data-event='notify-missing']").CountAsync()).ShouldBe(1);
            await actions.Locator("[data-event='accept-tolerated']").ClickAsync();
            await window.Locator("[data-doc='tolerance-notice']").ClickAsync();
            var notice = window.FrameLocator("[data-testid=document-frame]");
            await notice.Locator("h1", new FrameLocatorLocatorOptions { HasText = "容缺受理通知书" }).WaitForAsync();
            (await notice.Locator("li[data-material]").AllInnerTextsAsync()).ShouldBe(["股东会决议"]);
            await window.Locator("[data-doc='receipt']").ClickAsync();
            var printed = window.FrameLocator("[data-testid=document-frame]");
            await printed.Locator("h1", new FrameLocatorLocatorOptions { HasText = "受理回执" }).WaitForAsync();
            (await printed.Locator("[data-testid=qr] svg").CountAsync()).ShouldBe(1);
            var progressLink = await printed.Locator("a.progress-link").GetAttributeAsync("href");
            progressLink.ShouldNotBeNull();
            progressLink.ShouldStartWith(new Uri(server.BaseUrl, "progress?receipt=" + receipt).ToString());
            // While the promised half day runs, the applicant's page says until when, as the receipt does.
            var early = await PageAsync(pages, progressLink!, token: null, width: 390, height: 844, mobile: true);
            (await early.GetByTestId("progress-promised").InnerTextAsync()).ShouldMatch(@"^承诺办结：\d{4}/\d{1,2}/\d{1,2} \d{2}:\d{2}:\d{2} 前$");
            await SaveImageAsync(window, "console-window.png", fullPage: true);

            // Each department sees its own branch of the case, and only that, and approves it.
            foreach (var (department, branch) in new[] { ("market-regulation", "market"), ("tax", "tax"), ("hr-social-security", "social"), ("public-security", "seal") })
            {
                var desk = await PageAsync(pages, "worklist", await server.TokenAsync("--role", "department", "--department", department));
                var row = desk.Locator($"[data-testid=tasks] tr[data-receipt='{receipt}']");
                await row.WaitForAsync();
                (await row.CountAsync()).ShouldBe(1);
                (await desk.Locator("[data-testid=tasks] tbody tr[data-department]").EvaluateAllAsync<string[]>("rows => [...new Set(rows.map(r => r.dataset.department))]"))
                    .ShouldBe([department]);
                if (branch == "market")
                {
                    // The worklist narrows to one item: this case stays under 企业开办 and goes under another item.
                    (await desk.GetByTestId("tasks-total").InnerTextAsync()).ShouldMatch(@"^共 \d+ 件$");
                    await desk.GetByTestId("item-filter").SelectOptionAsync("SCZT-1001");
                    await row.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
                    await desk.GetByTestId("item-filter").SelectOptionAsync("QYKB-0001");
                    await row.WaitForAsync();
                    // And to one case by part of its receipt number.
                    await desk.GetByTestId("receipt-filter").FillAsync(receipt[^6..]);
                    await desk.GetByTestId("tasks-total").Filter(new LocatorFilterOptions { HasText = "共 1 件" }).WaitForAsync();
                    (await desk.Locator("[data-testid=tasks] tbody tr[data-receipt]").CountAsync()).ShouldBe(1);
                    await desk.GetByTestId("receipt-filter").FillAsync(string.Empty);
                }

                await row.ClickAsync();
                var pane = desk.GetByTestId("task-pane");
                await pane.Locator("[data-event='approve']").WaitForAsync();
                (await pane.GetByTestId("case-remaining").InnerTextAsync()).ShouldMatch(@"承诺时限还剩 \d+(\.\d)? 工时", "accepted within the 0.5wd promised");
                (await pane.Locator("[data-event='issue']").CountAsync()).ShouldBe(0);
                (await pane.Locator("[data-event='reject']").CountAsync()).ShouldBe(1);
                if (branch == "market")
                {
                    // A refusal needs a reason: the form will not send without one.
                    await pane.Locator("[data-event='reject']").ClickAsync();
                    await pane.GetByTestId("send").ClickAsync();
                    (await pane.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldBe("请填写理由");
                    await pane.GetByTestId("event-form").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "关闭", Exact = true }).ClickAsync();

                    // The history reads in names, not ids: the tolerated material, the obligation's due time, the notice sent.
                    ILocator Detail(string type) => pane.Locator($"[data-testid=case-history] tr:has(td[data-type='{type}']) [data-testid=history-detail]");
                    (await Detail("materials-tolerated").InnerTextAsync()).ShouldBe("股东会决议");
                    (await Detail("obligation-opened").InnerTextAsync()).ShouldBe("补交容缺材料");
                    (await Detail("timer-set").AllInnerTextsAsync()).ShouldContain(text => text.StartsWith("待履行事项到期：", StringComparison.Ordinal));
                    (await Detail("notification").AllInnerTextsAsync()).ShouldContain(text => text.StartsWith("短信 → 申请人：容缺受理通知书：", StringComparison.Ordinal));
                    (await pane.GetByTestId("case-history").InnerTextAsync()).ShouldNotContain("materials=");
                    await SaveImageAsync(desk, "console-worklist.png");
                }

                // A department's decision is confirmed before it is sent.
                await pane.Locator("[data-event='approve']").ClickAsync();
                await pane.GetByTestId("send").ClickAsync();
                await row.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
            }

            // Back at the window: all four approved, but the tolerated material is still owed, so no issuing yet.
            await window.GetByTestId("open-receipt").FillAsync(receipt);
            await window.GetByTestId("open-receipt").PressAsync("Enter");
            await window.GetByTestId("issue-blocked").WaitForAsync();
            (await window.Locator("[data-testid=actions] [data-event='issue']").CountAsync()).ShouldBe(0);
            await window.Locator("[data-testid=actions] [data-event='supplement']").ClickAsync();
            (await window.Locator("[data-testid=event-form] input[data-material='shareholder-resolution']").IsCheckedAsync()).ShouldBeTrue();
            await window.GetByTestId("send").ClickAsync();
            await window.Locator("[data-testid=actions] [data-event='issue']").ClickAsync();
            await window.Locator("[data-doc='decision']").WaitForAsync();

            // The applicant follows the receipt's QR link on a phone: masked data, the result, and the rating form.
            var phone = await PageAsync(pages, progressLink!, token: null, width: 390, height: 844, mobile: true);
            await phone.GetByTestId("progress-card").WaitForAsync();
            (await phone.GetByTestId("progress-applicant").InnerTextAsync()).ShouldBe("张**");
            var shown = await phone.Locator("body").InnerTextAsync();
            shown.ShouldNotContain("张三丰");
            shown.ShouldNotContain(IdNumber);
            shown.ShouldNotContain(Phone);
            (await phone.GetByTestId("progress-outcome").InnerTextAsync()).ShouldBe("结果：准予办理");
            await SaveImageAsync(phone, "console-progress-mobile.png", fullPage: true);
            await phone.Locator("input[data-level='1']").CheckAsync();
            await phone.GetByTestId("rating-comment").FillAsync("材料说明不清楚");
            await phone.GetByTestId("submit-rating").ClickAsync();
            (await phone.GetByTestId("progress-rated").InnerTextAsync()).ShouldBe("感谢您的评价：非常不满意");
            (await phone.GetByTestId("rating-form").CountAsync()).ShouldBe(0);

            // The supervisor: a bad-rating ticket with its deadline; rectify, then feed back; the figures follow.
            await supervisor.ReloadAsync();
            var ticket = supervisor.Locator($"[data-testid=tickets] tr[data-receipt='{receipt}']");
            (await ticket.InnerTextAsync()).ShouldContain("非常不满意");
            (await ticket.InnerTextAsync()).ShouldContain("材料说明不清楚");
            (await DashboardValueAsync(supervisor, "total-cases")).ShouldBe((casesBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            // The journey's is the only rated case on this server: one bad rating, not yet rectified.
            (await supervisor.GetByTestId("ind-goodRatingRate").InnerTextAsync()).ShouldBe("0%");
            (await supervisor.GetByTestId("ind-rectificationRate").InnerTextAsync()).ShouldBe("0%");
            (await supervisor.Locator("[data-indicator='rectificationRate']").GetAttributeAsync("data-status")).ShouldBe("missed");
            await ticket.GetByTestId("ticket-note").FillAsync("已约谈窗口人员，完善材料说明");
            await ticket.GetByTestId("rectify").ClickAsync();
            await ticket.Locator(".tag.ok", new LocatorLocatorOptions { HasText = "已整改" }).WaitForAsync();
            await ticket.GetByTestId("ticket-note").FillAsync("已电话回访申请人");
            await ticket.GetByTestId("feedback-method").SelectOptionAsync("phone");
            (await ticket.GetByTestId("verify-confirmed").CountAsync()).ShouldBe(0); // this item does not ask for verification (核实)
            await ticket.GetByTestId("feedback").ClickAsync();
            await ticket.Locator(".tag.ok", new LocatorLocatorOptions { HasText = "已反馈" }).WaitForAsync();
            (await DashboardValueAsync(supervisor, "ind-rectificationRate")).ShouldBe("100%");
            (await supervisor.GetByTestId("ind-feedbackRate").InnerTextAsync()).ShouldBe("100%");
            (await supervisor.Locator("[data-indicator='rectificationRate']").GetAttributeAsync("data-status")).ShouldBe("met");
        });

    [SkippableFact]
    public Task OneTimeNotice_ThreeMaterialsMissing_PrintedNoticeListsEveryOne() =>
        RunAsync(nameof(OneTimeNotice_ThreeMaterialsMissing_PrintedNoticeListsEveryOne), async pages =>
        {
            var window = await PageAsync(pages, "window", await server.TokenAsync("--role", "window"));
            await ReceiveAsync(window, "李四", "articles", "premises", "shareholder-resolution");
            var actions = window.GetByTestId("actions");
            // A core material is missing: neither tolerance nor commitment, only the one-time notification.
            (await actions.Locator("[data-event='accept-tolerated']").CountAsync()).ShouldBe(0);
            (await actions.Locator("[data-event='accept-committed']").CountAsync()).ShouldBe(0);
            await actions.Locator("[data-event='notify-missing']").ClickAsync();
            await window.Locator("[data-doc='one-time-notice']").ClickAsync();
            var notice = window.FrameLocator("[data-testid=document-frame]");
            await notice.Locator("h1", new FrameLocatorLocatorOptions { HasText = "一次性告知书" }).WaitForAsync();
            (await notice.Locator("li[data-material]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.material).sort()"))
                .ShouldBe(["articles", "premises", "shareholder-resolution"]);
            (await notice.Locator("li[data-material]").AllInnerTextsAsync()).ShouldBe(["公司章程", "住所（经营场所）使用证明", "股东会决议"], ignoreOrder: true);
            (await notice.Locator("[data-testid=qr] svg").CountAsync()).ShouldBe(1);
            await SaveImageAsync(window, "console-one-time-notice.png", fullPage: true);

            // The notice's QR link shows the applicant the same list and the deadline.
            var link = await notice.Locator("a.progress-link").GetAttributeAsync("href");
            var phone = await PageAsync(pages, link!, token: null, width: 390, height: 844, mobile: true);
            var owed = phone.GetByTestId("progress-notice");
            await owed.WaitForAsync();
            (await owed.Locator("li").AllInnerTextsAsync()).ShouldBe(["公司章程", "住所（经营场所）使用证明", "股东会决议"], ignoreOrder: true);
            (await owed.InnerTextAsync()).ShouldMatch(@"请于 \d{4}/\d{1,2}/\d{1,2} \d{2}:\d{2}:\d{2} 前一次补齐后再次提交；逾期未补齐的，按“不予受理”办理");
        });

    [GeneratedRegex(@"\d{8}-[0-9A-F]{10}")]
    private static partial Regex ReceiptPattern();
}
