using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>
/// The console says nothing misleading: only published items at the window, a message for every failure, confirmation
/// before what cannot be undone, no rating by staff, a worklist that says why and what was done, names instead of ids,
/// the applicant's page without the government's own obligations, the favicon, the menu's contrast and axe-core on
/// every page.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed partial class ConsoleHonestyTests(DesignerServer server)
{
    private const string IdNumber = "110101199003074514";
    private const string Item = "QYKB-0001";

    private Task RunAsync(string name, Func<List<IPage>, Task> body) => server.RunPagesAsync(name, body);

    private async Task<IPage> PageAsync(List<IPage> pages, string path, string? token, int width = 1600, int height = 1000)
    {
        var page = await server.NewPageAsync(token, width, height, mobile: false);
        pages.Add(page);
        await page.GotoAsync(new Uri(server.BaseUrl, path).ToString());
        return page;
    }

    private async Task<HttpClient> ClientAsync(params string[] token)
    {
        var http = new HttpClient { BaseAddress = server.BaseUrl };
        if (token.Length > 0)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", await server.TokenAsync(token));
        }

        return http;
    }

    /// <summary>Receives a 企业开办 case at the window with the given materials left unticked; returns its receipt number.</summary>
    private static async Task<string> ReceiveAsync(IPage window, string name, params string[] unticked)
    {
        await window.GetByTestId("item-search").FillAsync("qykb");
        await window.Locator($"[data-item='{Item}']").ClickAsync();
        await window.GetByTestId("applicant-name").FillAsync(name);
        await window.GetByTestId("applicant-id").FillAsync(IdNumber);
        await window.GetByTestId("applicant-phone").FillAsync("13800138000");
        foreach (var material in unticked)
        {
            await window.Locator($"[data-testid=checklist] tr[data-material='{material}'] input").UncheckAsync();
        }

        await window.GetByTestId("receive").ClickAsync();
        return ReceiptPattern().Match(await window.GetByTestId("received").InnerTextAsync()).Value;
    }

    /// <summary>Sends an event through the API as a role; fails the test when refused.</summary>
    private async Task SendAsync(string receipt, string @event, string? branch, params string[] token)
    {
        using var http = await ClientAsync(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/cases/{receipt}/events") { Content = JsonContent.Create(new { @event, branch }) };
        request.Headers.Add("Idempotency-Key", $"{@event}-{branch}-{Guid.NewGuid():N}");
        using var response = await http.SendAsync(request);
        response.IsSuccessStatusCode.ShouldBeTrue($"{@event} on {branch}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static readonly (string Department, string Branch)[] Branches =
        [("market-regulation", "market"), ("tax", "tax"), ("hr-social-security", "social"), ("public-security", "seal")];

    [SkippableFact]
    public Task Tickets_AskForVerificationFirst_WhereTheItemRequiresIt_AndRecordTheFollowUpMethod() =>
        RunAsync(nameof(Tickets_AskForVerificationFirst_WhereTheItemRequiresIt_AndRecordTheFollowUpMethod), async pages =>
        {
            // The ticket list as the server gives it for an item whose rating rules require verification (核实); the
            // supervisor's answers are captured as the page sends them.
            var verification = (string?)null;
            var sent = new ConcurrentQueue<(string Path, string Body)>();
            var page = await server.NewPageAsync(await server.TokenAsync("--role", "supervisor"));
            pages.Add(page);
            await page.RouteAsync("**/api/tickets**", async route =>
            {
                if (route.Request.Method == "POST")
                {
                    var path = new Uri(route.Request.Url).AbsolutePath;
                    sent.Enqueue((path, route.Request.PostData ?? ""));
                    if (path.EndsWith("/verify", StringComparison.Ordinal))
                    {
                        verification = "unfounded";
                    }

                    await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = "{}" });
                    return;
                }

                var ticket = new Dictionary<string, object?>
                {
                    ["caseId"] = "JZZ-T1", ["receipt"] = "20261207-0000000001", ["item"] = "JZZ-0001", ["itemName"] = "居住证办理",
                    ["level"] = 1, ["comment"] = "等候时间过长", ["ratedAt"] = "2026-12-07T02:00:00Z", ["due"] = "2026-12-28T09:00:00Z",
                    ["rectified"] = false, ["fedBack"] = false, ["overdue"] = false, ["category"] = "服务态度", ["channel"] = "online",
                    ["verification"] = verification, ["verificationRequired"] = true,
                };
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = JsonSerializer.Serialize(new[] { ticket }) });
            });
            await page.GotoAsync(new Uri(server.BaseUrl, "dashboard").ToString());
            var row = page.Locator("[data-testid=tickets] tr[data-receipt='20261207-0000000001']");
            await row.WaitForAsync();

            // Not yet verified: the supervisor verifies first; there is nothing to rectify before that.
            (await row.GetByTestId("rectify").CountAsync()).ShouldBe(0);
            await row.GetByTestId("ticket-note").FillAsync("调取录像，等候时间在承诺范围内");
            await row.GetByTestId("verify-unfounded").ClickAsync();
            await row.GetByTestId("ticket-verification").WaitForAsync();
            (await row.GetByTestId("ticket-verification").InnerTextAsync()).ShouldBe("核实不属实");
            var verify = sent.Single(s => s.Path.EndsWith("/verify", StringComparison.Ordinal));
            verify.Path.ShouldBe("/api/tickets/JZZ-T1/verify");
            JsonDocument.Parse(verify.Body).RootElement.GetProperty("result").GetString().ShouldBe("unfounded");

            // An unfounded rating needs only the follow-up, and its method is sent with it.
            (await row.GetByTestId("rectify").CountAsync()).ShouldBe(0);
            await row.GetByTestId("ticket-note").FillAsync("已电话回访，说明情况");
            await row.GetByTestId("feedback-method").SelectOptionAsync("phone");
            await row.GetByTestId("feedback").ClickAsync();
            for (var i = 0; i < 100 && !sent.Any(s => s.Path.EndsWith("/feedback", StringComparison.Ordinal)); i++)
            {
                await page.WaitForTimeoutAsync(100);
            }

            var feedback = JsonDocument.Parse(sent.Single(s => s.Path.EndsWith("/feedback", StringComparison.Ordinal)).Body).RootElement;
            feedback.GetProperty("method").GetString().ShouldBe("phone");
            feedback.GetProperty("note").GetString().ShouldBe("已电话回访，说明情况");
            await Axe.ShouldPassAsync(page, "dashboard tickets awaiting verification");
        });

    [SkippableFact]
    public Task Window_OnlyPublishedItems_AndEveryFailureShowsAMessage() =>
        RunAsync(nameof(Window_OnlyPublishedItems_AndEveryFailureShowsAMessage), async pages =>
        {
            // A new item with only a draft: the designer lists it, the window never does.
            using (var http = server.Http())
            {
                using var created = await http.PostAsync("api/definitions", JsonContent.Create(new { code = "CSDR-9301", name = "草稿事项", template = "basic" }));
                created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            }

            var window = await PageAsync(pages, "window", await server.TokenAsync("--role", "window"));
            await window.Locator($"[data-item='{Item}']").WaitForAsync();
            (await window.Locator("[data-item='CSDR-9301']").CountAsync()).ShouldBe(0);
            (await window.Locator(".item-list").InnerTextAsync()).ShouldNotContain("草稿事项");

            // The catalog failing: the window says so instead of an empty list.
            await window.RouteAsync("**/api/definitions", route => route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 500,
                ContentType = "application/problem+json",
                Body = """{"title":"Internal Server Error","status":500,"detail":"store unavailable"}""",
            }));
            await window.ReloadAsync();
            await window.GetByRole(AriaRole.Alert).WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
            (await window.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();

            // Each page's own query failing shows a message on that page.
            foreach (var (path, api, token) in new[]
            {
                ("worklist", "**/api/worklist*", new[] { "--role", "department", "--department", "tax" }),
                ("tasks", "**/api/my/tasks*", new[] { "--role", "department", "--department", "market-regulation", "--user", "li-na" }),
                ("dashboard", "**/api/metrics*", new[] { "--role", "supervisor" }),
            })
            {
                var page = await server.NewPageAsync(await server.TokenAsync(token));
                pages.Add(page);
                await page.RouteAsync(api, route => route.FulfillAsync(new RouteFulfillOptions { Status = 503, ContentType = "application/problem+json", Body = """{"title":"Service Unavailable","status":503}""" }));
                await page.GotoAsync(new Uri(server.BaseUrl, path).ToString());
                await page.Locator("main [role=alert]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
            }

            var phone = await PageAsync(pages, "progress", token: null, width: 390, height: 844);
            await phone.RouteAsync("**/api/progress/**", route => route.FulfillAsync(new RouteFulfillOptions { Status = 500, ContentType = "application/problem+json", Body = """{"title":"Internal Server Error","status":500}""" }));
            await phone.GetByTestId("progress-receipt").FillAsync("20261207-0000000000");
            await phone.GetByTestId("progress-code").FillAsync("123456");
            await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "查询" }).ClickAsync();
            await phone.GetByRole(AriaRole.Alert).WaitForAsync();

            // An answer the page cannot draw: the route's error boundary says so, and the menu still works.
            var board = await server.NewPageAsync(await server.TokenAsync("--role", "supervisor"));
            pages.Add(board);
            await board.RouteAsync("**/api/metrics*", route => route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 200,
                ContentType = "application/json",
                Body = """{"overall":{"cases":1,"finished":0,"badRatings":0},"byDepartment":null,"byItem":null}""",
            }));
            await board.GotoAsync(new Uri(server.BaseUrl, "dashboard").ToString());
            var failure = board.GetByTestId("page-error");
            await failure.WaitForAsync();
            (await failure.InnerTextAsync()).ShouldContain("页面出错了");
            await board.Locator("nav a[href='/window']").ClickAsync();
            await board.GetByTestId("window-page").WaitForAsync();
        });

    [SkippableFact]
    public Task Withdraw_AsksForConfirmation_AndLooksApartFromTolerance() =>
        RunAsync(nameof(Withdraw_AsksForConfirmation_AndLooksApartFromTolerance), async pages =>
        {
            var window = await PageAsync(pages, "window", await server.TokenAsync("--role", "window"));
            await ReceiveAsync(window, "赵六", "shareholder-resolution");
            var actions = window.GetByTestId("actions");
            var withdraw = actions.Locator("[data-event='withdraw']");
            var tolerated = actions.Locator("[data-event='accept-tolerated']");
            (await withdraw.GetAttributeAsync("class"))!.ShouldContain("irreversible");
            (await tolerated.GetAttributeAsync("class"))!.ShouldNotContain("irreversible");
            var look = "b => { const s = getComputedStyle(b); return [s.backgroundColor, s.borderStyle, s.color].join('|'); }";
            (await withdraw.EvaluateAsync<string>(look)).ShouldNotBe(await tolerated.EvaluateAsync<string>(look));

            // Clicking 撤回 sends nothing yet: it asks, and closing the question leaves the case as it was.
            await withdraw.ClickAsync();
            (await window.GetByTestId("confirm-text").InnerTextAsync()).ShouldContain("不可撤销");
            await window.GetByTestId("event-form").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "关闭", Exact = true }).ClickAsync();
            (await tolerated.CountAsync()).ShouldBe(1);
            await withdraw.ClickAsync();
            (await window.GetByTestId("send").InnerTextAsync()).ShouldBe("确认撤回");
            await window.GetByTestId("send").ClickAsync();
            await tolerated.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        });

    [SkippableFact]
    public Task Rating_OnlyTheApplicant_AndABadRatingOwesTheApplicantNothing() =>
        RunAsync(nameof(Rating_OnlyTheApplicant_AndABadRatingOwesTheApplicantNothing), async pages =>
        {
            var window = await PageAsync(pages, "window", await server.TokenAsync("--role", "window"));
            var receipt = await ReceiveAsync(window, "孙七");
            await window.Locator("[data-testid=actions] [data-event='accept']").ClickAsync();
            await window.Locator("[data-doc='receipt']").WaitForAsync();
            foreach (var (department, branch) in Branches)
            {
                await SendAsync(receipt, "approve", branch, "--role", "department", "--department", department);
            }

            await SendAsync(receipt, "issue", null, "--role", "window");

            // The finished case at the window: no 评价 among what the clerk may do.
            await window.GetByTestId("open-receipt").FillAsync(receipt);
            await window.GetByTestId("open-receipt").PressAsync("Enter");
            await window.Locator("[data-doc='decision']").WaitForAsync();
            (await window.Locator("[data-event='rate']").CountAsync()).ShouldBe(0);

            // Nor does the server take a clerk's rating, nor list it as permitted.
            using (var http = await ClientAsync("--role", "window"))
            {
                var shown = await http.GetFromJsonAsync<JsonElement>($"api/cases/{receipt}");
                shown.GetProperty("permitted").EnumerateArray().Select(p => p.GetProperty("event").GetString()).ShouldNotContain("rate");
                using var request = new HttpRequestMessage(HttpMethod.Post, $"api/cases/{receipt}/events") { Content = JsonContent.Create(new { @event = "rate", payload = new { level = 5 } }) };
                request.Headers.Add("Idempotency-Key", "clerk-rate-" + receipt);
                using var refused = await http.SendAsync(request);
                refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
                (await refused.Content.ReadAsStringAsync()).ShouldContain("评价由申请人在办件进度页提交");
                var code = shown.GetProperty("verificationCode").GetString();

                // The applicant rates it 非常不满意 on the progress page: the government owes a rectification, the applicant nothing.
                var phone = await PageAsync(pages, $"progress?receipt={receipt}&code={code}", token: null, width: 390, height: 844);
                await phone.Locator("input[data-level='1']").CheckAsync();
                await phone.GetByTestId("submit-rating").ClickAsync();
                await phone.GetByTestId("progress-rated").WaitForAsync();
                await phone.ReloadAsync();
                await phone.GetByTestId("progress-card").WaitForAsync();
                (await phone.GetByTestId("progress-owed").CountAsync()).ShouldBe(0);
                (await phone.Locator("body").InnerTextAsync()).ShouldNotContain("尚需补交");

                using var anonymous = await ClientAsync();
                var progress = await anonymous.GetFromJsonAsync<JsonElement>($"api/progress/{receipt}?code={code}");
                progress.GetProperty("owed").GetArrayLength().ShouldBe(0, "the open rectification is the government's, not the applicant's");
                var staff = await http.GetFromJsonAsync<JsonElement>($"api/cases/{receipt}");
                staff.GetProperty("obligations").EnumerateArray().Select(o => o.GetProperty("kind").GetString()).ShouldContain("rectification");
            }
        });

    [SkippableFact]
    public Task Worklist_SaysWhatIsOwed_OneBadge_ConfirmsDecision_HandledTab_OwnBranchOnly_NamesNotIds() =>
        RunAsync(nameof(Worklist_SaysWhatIsOwed_OneBadge_ConfirmsDecision_HandledTab_OwnBranchOnly_NamesNotIds), async pages =>
        {
            var window = await PageAsync(pages, "window", await server.TokenAsync("--role", "window"));
            var receipt = await ReceiveAsync(window, "周八", "shareholder-resolution");
            await window.Locator("[data-testid=actions] [data-event='accept-tolerated']").ClickAsync();
            await window.Locator("[data-doc='tolerance-notice']").WaitForAsync();

            // 李娜 of 市场监督管理局: the task says the tolerated material is still owed, as the window does.
            var desk = await PageAsync(pages, "worklist", await server.TokenAsync("--role", "department", "--department", "market-regulation", "--user", "li-na"));
            var row = desk.Locator($"[data-testid=tasks] tr[data-receipt='{receipt}']");
            await row.ClickAsync();
            var pane = desk.GetByTestId("task-pane");
            (await pane.GetByTestId("task-blocked").InnerTextAsync()).ShouldContain("股东会决议");

            // Only its own branch in detail: not the tax branch, its timers or warnings.
            (await pane.GetByTestId("case-state").InnerTextAsync()).ShouldNotContain("税务局");
            using (var http = await ClientAsync("--role", "department", "--department", "market-regulation"))
            {
                var shown = await http.GetFromJsonAsync<JsonElement>($"api/cases/{receipt}");
                shown.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("region").GetString()).ShouldBe(["main", "approval/market"]);
                var history = await http.GetFromJsonAsync<JsonElement>($"api/cases/{receipt}/history");
                history.EnumerateArray().Select(e => e.TryGetProperty("region", out var r) ? r.GetString() : null)
                    .ShouldAllBe(r => r == null || r == "main" || r == "approval/market");
            }

            // The history names people and departments, never ids.
            var actors = await pane.Locator("[data-testid=history-actor]").AllInnerTextsAsync();
            actors.ShouldContain("窗口");
            actors.ShouldAllBe(a => !a.Contains("department:") && !a.Contains("window-") && !a.Contains("li-na"));

            // A decision is confirmed before it is sent.
            await pane.Locator("[data-event='approve']").ClickAsync();
            (await pane.GetByTestId("confirm-text").InnerTextAsync()).ShouldContain("同意");
            await pane.GetByTestId("send").ClickAsync();
            await row.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });

            // 已办 beside 待办: the step just approved, with the decision in words; its history names 李娜 masked.
            await desk.GetByTestId("worklist-tab-handled").ClickAsync();
            var done = desk.Locator($"[data-testid=tasks] tr[data-receipt='{receipt}']");
            (await done.GetByTestId("handled-decision").InnerTextAsync()).ShouldBe("同意");
            await done.ClickAsync();
            var actorsAfter = await desk.GetByTestId("task-pane").Locator("[data-testid=history-actor]").AllInnerTextsAsync();
            actorsAfter.ShouldContain("市场监督管理局 · 李*");

            // Long values wrap inside the history instead of widening the pane.
            await desk.RouteAsync($"**/api/cases/{receipt}/history", async route =>
            {
                var response = await route.FetchAsync();
                var entries = JsonNode.Parse(await response.TextAsync())!.AsArray();
                entries[0]!["data"]!["note"] = new string('长', 40) + new string('x', 300);
                await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = entries.ToJsonString() });
            });
            await desk.GetByTestId("worklist-tab-todo").ClickAsync();
            await desk.GetByTestId("worklist-tab-handled").ClickAsync();
            await desk.Locator($"[data-testid=tasks] tr[data-receipt='{receipt}']").ClickAsync();
            var historyTable = desk.GetByTestId("task-pane").GetByTestId("case-history");
            await historyTable.WaitForAsync();
            (await desk.GetByTestId("task-pane").EvaluateAsync<bool>("p => p.scrollWidth <= p.clientWidth + 1")).ShouldBeTrue("the history's long value wraps");

            // The other departments approve; the issuing step waits on the owed material and says so.
            foreach (var (department, branch) in Branches.Skip(1))
            {
                await SendAsync(receipt, "approve", branch, "--role", "department", "--department", department);
            }

            var centre = await PageAsync(pages, "worklist", await server.TokenAsync("--role", "department", "--department", "government-service"));
            await centre.GetByTestId("receipt-filter").FillAsync(receipt);
            await centre.Locator($"[data-testid=tasks] tr[data-receipt='{receipt}']").ClickAsync();
            var blocked = await centre.GetByTestId("task-pane").GetByTestId("task-blocked").InnerTextAsync();
            blocked.ShouldStartWith("暂不能办理");
            blocked.ShouldContain("股东会决议");

            // One badge per step: a yellow step of a red case shows the case's red only.
            var tax = await server.NewPageAsync(await server.TokenAsync("--role", "department", "--department", "hr-social-security"));
            pages.Add(tax);
            await tax.RouteAsync("**/api/worklist*", async route =>
            {
                var response = await route.FetchAsync();
                var answer = JsonNode.Parse(await response.TextAsync())!;
                answer["tasks"] = new JsonArray(new JsonObject
                {
                    ["caseId"] = receipt, ["receipt"] = receipt, ["item"] = Item, ["itemName"] = "企业开办", ["department"] = "hr-social-security",
                    ["region"] = "approval/social", ["branch"] = "social", ["state"] = "reviewing", ["title"] = "审核", ["enteredAt"] = "2026-12-01T01:00:00Z",
                    ["due"] = null, ["remainingHours"] = 1.5, ["warning"] = "yellow", ["caseWarning"] = "red", ["permitted"] = new JsonArray(),
                });
                answer["total"] = 1;
                await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = answer.ToJsonString() });
            });
            await tax.GotoAsync(new Uri(server.BaseUrl, "worklist").ToString());
            var warned = tax.Locator($"[data-testid=tasks] tr[data-receipt='{receipt}']");
            await warned.WaitForAsync();
            (await warned.Locator("[data-light]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.light)")).ShouldBe(["red"]);
            (await warned.Locator("td").First.InnerTextAsync()).ShouldNotContain("黄灯");

            // A department with nothing waiting still sees whose list it is.
            var empty = await PageAsync(pages, "worklist", await server.TokenAsync("--role", "department", "--department", "health"));
            await empty.GetByTestId("no-tasks").WaitForAsync();
            await empty.GetByTestId("worklist-title").Filter(new LocatorFilterOptions { HasText = "卫生健康委员会" }).WaitForAsync();
        });

    [SkippableFact]
    public Task Favicon_MenuContrast_AndAxeOnEveryPage() =>
        RunAsync(nameof(Favicon_MenuContrast_AndAxeOnEveryPage), async pages =>
        {
            using (var anonymous = new HttpClient { BaseAddress = server.BaseUrl })
            {
                using var icon = await anonymous.GetAsync("favicon.ico");
                icon.StatusCode.ShouldBe(HttpStatusCode.OK);
                (await icon.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(0);
            }

            var window = await PageAsync(pages, "window", await server.TokenAsync("--role", "window"));
            await window.Locator($"[data-item='{Item}']").WaitForAsync();
            (await ContrastAsync(window.Locator("nav a.active"))).ShouldBeGreaterThanOrEqualTo(4.5, "the current page's menu item");
            await Axe.ShouldPassAsync(window, "window");
            var receipt = await ReceiveAsync(window, "吴九", "shareholder-resolution");
            await Axe.ShouldPassAsync(window, "window, case received");
            await window.Locator("[data-testid=actions] [data-event='accept-tolerated']").ClickAsync();
            await window.Locator("[data-doc='receipt']").ClickAsync();
            await window.FrameLocator("[data-testid=document-frame]").Locator("h1").First.WaitForAsync();
            await Axe.ShouldPassAsync(window, "window, receipt printed");

            var catalog = await PageAsync(pages, "designer", server.Token);
            await catalog.Locator($"[data-code='{Item}'], tr:has-text('{Item}')").First.WaitForAsync();
            await Axe.ShouldPassAsync(catalog, "catalog");
            var editor = await PageAsync(pages, $"designer/{Item}", server.Token);
            await editor.Locator("[data-testid=lane]").First.WaitForAsync();
            await Axe.ShouldPassAsync(editor, "editor");

            var desk = await PageAsync(pages, "worklist", await server.TokenAsync("--role", "department", "--department", "tax"));
            await desk.Locator($"[data-testid=tasks] tr[data-receipt='{receipt}']").ClickAsync();
            await desk.GetByTestId("task-pane").GetByTestId("case-history").WaitForAsync();
            await Axe.ShouldPassAsync(desk, "worklist with a task open");
            await desk.GetByTestId("worklist-tab-handled").ClickAsync();
            await desk.GetByTestId("tasks-total").WaitForAsync();
            await Axe.ShouldPassAsync(desk, "worklist, handled");

            var tasks = await PageAsync(pages, "tasks", await server.TokenAsync("--role", "department", "--department", "market-regulation", "--user", "li-na"));
            await tasks.GetByTestId("my-tasks-page").WaitForAsync();
            await tasks.GetByTestId("personal-tasks").WaitForAsync();
            await Axe.ShouldPassAsync(tasks, "my tasks");

            var board = await PageAsync(pages, "dashboard", await server.TokenAsync("--role", "supervisor"));
            await board.Locator("[data-testid=chart-departments] svg").First.WaitForAsync();
            await board.GetByTestId("tickets").WaitForAsync();
            await Axe.ShouldPassAsync(board, "dashboard");

            var phone = await PageAsync(pages, "progress", token: null, width: 390, height: 844);
            await phone.GetByTestId("progress-page").WaitForAsync();
            await Axe.ShouldPassAsync(phone, "progress");
        });

    /// <summary>The contrast ratio of an element's text against its background (blended over its ancestors' when translucent).</summary>
    private static Task<double> ContrastAsync(ILocator element) => element.EvaluateAsync<double>(
        """
        el => {
          const parse = c => { const m = c.match(/[\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
          const layers = [];
          for (let n = el; n; n = n.parentElement) layers.push(parse(getComputedStyle(n).backgroundColor));
          let bg = { r: 255, g: 255, b: 255 };
          for (const l of layers.reverse()) bg = { r: l.r * l.a + bg.r * (1 - l.a), g: l.g * l.a + bg.g * (1 - l.a), b: l.b * l.a + bg.b * (1 - l.a) };
          const fg = parse(getComputedStyle(el).color);
          const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
          return (a + 0.05) / (b + 0.05);
        }
        """);


    [GeneratedRegex(@"\d{8}-[0-9A-F]{10}")]
    private static partial Regex ReceiptPattern();
}
