using System.Text.Json;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>The console over demonstration data (<c>hongqi serve --demo</c>): what a newcomer sees first, and the screenshots in docs/console.md.</summary>
[Collection(DemoCollection.Name)]
public sealed class ConsoleDemoTests(DemoServer server)
{
    private static string Images => Path.Combine(DesignerServer.RepositoryRoot, "docs", "images");

    [SkippableFact]
    public async Task Dashboard_DemoData_ShowsEveryIndicatorEightWeeksAndTickets()
    {
        if (server.Unavailable is { } reason)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("browser tests cannot run in CI: " + reason);
            }

            Skip.If(true, reason);
        }

        var page = await server.NewPageAsync(await server.TokenAsync("--role", "supervisor"), 1400, 1000);
        try
        {
            await page.GotoAsync(new Uri(server.BaseUrl, "dashboard").ToString());
            await page.Locator("[data-testid=chart-weeks] svg").First.WaitForAsync();
            await page.Locator("[data-testid=chart-weeks] tr[data-week]").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            int.Parse(await page.GetByTestId("total-cases").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(300);
            (await page.Locator("[data-testid=cards] [data-indicator]").CountAsync()).ShouldBe(15);
            // Each card says how it is counted, on hover.
            (await page.Locator("[data-indicator=secondSubmissionRate]").GetAttributeAsync("title")).ShouldBe("收到一次性告知或补正通知的办件占全部办件的比例");
            (await page.Locator("[data-testid=cards] [data-indicator]").EvaluateAllAsync<string[]>("cards => cards.map(c => c.title)")).ShouldAllBe(title => title.Length > 4);
            (await page.Locator("[data-testid=chart-weeks] tr[data-week]").CountAsync()).ShouldBe(8);
            (await page.Locator("[data-testid=chart-departments] tr[data-label]").EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.label).sort()"))
                .ShouldBe([
                    // every department that holds a step of the catalog items the demonstration cases run through
                    "government-service", "housing", "housing-fund", "hr-social-security", "market-regulation", "medical-insurance",
                    "medical-insurance-origin", "natural-resources", "public-security", "tax",
                ]);
            (await page.Locator("[data-testid=tickets] tr[data-receipt]").CountAsync()).ShouldBeGreaterThan(0);

            // The figures on screen download as a spreadsheet: a row for all cases, each item and each department, by name.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-report").ClickAsync());
            download.SuggestedFilename.ShouldEndWith(".csv");
            download.SuggestedFilename.ShouldStartWith("监督看板-全部-");
            var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
            bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a byte-order mark, so spreadsheet programs read UTF-8");
            var report = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).TrimEnd().Split("\r\n");
            report[0].ShouldStartWith("范围,名称,办件数,已办结,平均办理时长（工作日）,");
            report[1].ShouldStartWith("全部,全部办件,300,");
            report.ShouldContain(l => l.StartsWith("事项,企业开办,", StringComparison.Ordinal));
            report.ShouldContain(l => l.StartsWith("办理部门,税务局,", StringComparison.Ordinal));
            var items = await page.Locator("[data-testid=chart-items] tr[data-label]").CountAsync();
            var departments = await page.Locator("[data-testid=chart-departments] tr[data-label]").CountAsync();
            report.Length.ShouldBe(2 + items + departments, "the heading, all cases, and a row per item and department the charts show");

            // This week alone: the indicators count what the trend's last column counts.
            var thisWeek = await page.Locator("[data-testid=chart-weeks] tr[data-week]").Last.GetAttributeAsync("data-count");
            await page.GetByTestId("dashboard-period").SelectOptionAsync("week");
            await page.GetByTestId("total-cases").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{thisWeek}$") }).WaitForAsync();
            await page.GetByTestId("dashboard-period").SelectOptionAsync("all");
            await page.GetByTestId("total-cases").Filter(new LocatorFilterOptions { HasText = "300" }).WaitForAsync();

            // The warnings list shows the running cases unless asked for the finished ones too.
            (await page.Locator("[data-testid=warned] tbody tr[data-status]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.status)"))
                .ShouldAllBe(s => s == "running");
            await page.GetByTestId("warned-status").SelectOptionAsync("all");
            await page.Locator("[data-testid=warned] tbody tr[data-status=finished]").First.WaitForAsync();
            (await page.GetByTestId("warned-total").InnerTextAsync()).ShouldMatch(@"^显示前 30 件，共 \d+ 件$");
            // The charts are Apache ECharts: a legend of both series, the values written on the bars, long names wrapped
            // whole (not cut with an ellipsis), and the weekly overdue rate on an axis scaled to it, not 0–100%.
            var departmentsText = await page.Locator("[data-testid=chart-departments] svg").First.EvaluateAsync<string>("s => [...s.querySelectorAll('text')].map(t => t.textContent).join('')");
            departmentsText.ShouldContain("办件数");
            departmentsText.ShouldContain("办件超时率");
            departmentsText.ShouldContain("参保地（转出地）医疗保障经办机构");
            departmentsText.ShouldNotContain("…");
            var taxCount = await page.Locator("[data-testid=chart-departments] tr[data-label='tax']").GetAttributeAsync("data-value");
            (await page.Locator("[data-testid=chart-departments] svg text").AllTextContentsAsync()).ShouldContain(taxCount!);
            var weeklyRates = await page.Locator("[data-testid=chart-weeks] tr[data-week] td:nth-child(3)").AllTextContentsAsync();
            var highest = weeklyRates.Where(r => r.EndsWith('%')).Select(r => double.Parse(r.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
            var weeksText = await page.Locator("[data-testid=chart-weeks] svg text").AllTextContentsAsync();
            weeksText.ShouldContain("办件超时率");
            if (highest < 50)
            {
                weeksText.ShouldNotContain("100%", $"the rate axis follows the highest week ({highest}%)");
            }

            // The warnings name the department handling each case.
            (await page.Locator("[data-testid=warned] [data-testid=warned-department]").AllInnerTextsAsync()).ShouldAllBe(d => d != "—" && !d.Contains('-'));

            Directory.CreateDirectory(Images);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Images, "console-dashboard.png"), FullPage = true });

            // A department's bar drills down to its cases.
            var bar = await page.Locator("[data-testid=chart-departments] [data-chart]").EvaluateAsync<JsonElement>("el => el.barCenter(0)");
            var first = await page.Locator("[data-testid=chart-departments] tr[data-label]").First.GetAttributeAsync("data-label");
            await page.Mouse.ClickAsync((float)bar.GetProperty("x").GetDouble(), (float)bar.GetProperty("y").GetDouble());
            var drill = page.GetByTestId("drill-cases");
            await drill.Locator("tr[data-receipt]").First.WaitForAsync();
            (await drill.GetAttributeAsync("data-id")).ShouldBe(first);
            await drill.Locator("[data-testid=open-case]").First.ClickAsync();
            await page.GetByTestId("case-pane").GetByTestId("case-history").WaitForAsync();
            await page.Keyboard.PressAsync("Escape");
            await Axe.ShouldPassAsync(page, "dashboard with demonstration data");

            // A ticket's receipt opens the case beside the figures: its history, the applicant masked.
            var ticketRow = page.Locator("[data-testid=tickets] tr[data-receipt]").First;
            var ticketReceipt = await ticketRow.GetAttributeAsync("data-receipt");
            await ticketRow.GetByTestId("open-case").ClickAsync();
            var pane = page.GetByTestId("case-pane");
            await pane.GetByTestId("case-history").WaitForAsync();
            (await pane.Locator("h2").InnerTextAsync()).ShouldContain(ticketReceipt!);
            (await pane.GetByTestId("case-history").InnerTextAsync()).ShouldContain("评价");
            (await pane.InnerTextAsync()).ShouldMatch(@"\*\*");
            await pane.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "关闭" }).ClickAsync();
            (await page.GetByTestId("case-pane").CountAsync()).ShouldBe(0);
            await ticketRow.GetByTestId("open-case").ClickAsync();
            await page.GetByTestId("case-pane").WaitForAsync();
            await page.Keyboard.PressAsync("Escape");
            await page.GetByTestId("case-pane").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
