using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>
/// Personal tasks in the web app, three people of 市场监督管理局 each with their own token: 张伟 and 李娜 (承办人) and
/// 王强 (审核人) walk one case of a copy of 营业执照变更登记 whose 审核 is a 会签 of a handler and a reviewer and whose
/// 批准 falls to a reviewer: claim → transfer → countersign → return → recall → approve, from the 我的任务 tabs,
/// with the case view's signers, the supervisor's workload table and axe-core on the new pages.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class PeopleTasksTests(DesignerServer server)
{
    private const string Code = "SCZT-9016";
    private const string Market = "market-regulation";

    [SkippableFact]
    public async Task OneCase_ClaimTransferCountersignReturnRecallApprove_ThreePeopleInTheirWorklists()
    {
        if (server.Unavailable is { } reason)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("browser tests cannot run in CI: " + reason);
            }

            Skip.If(true, reason);
        }

        var receipt = await StartCaseAsync();
        var pages = new List<IPage>();
        try
        {
            async Task<IPage> Person(string user)
            {
                var page = await server.NewPageAsync(await server.TokenAsync("--role", "department", "--department", Market, "--user", user));
                pages.Add(page);
                await page.GotoAsync(new Uri(server.BaseUrl, "tasks").ToString());
                await page.GetByTestId("my-tasks-page").WaitForAsync();
                return page;
            }

            var zhang = await Person("zhang-wei");
            var li = await Person("li-na");
            var wang = await Person("wang-qiang");

            // 待签收: both handlers see the case in their department's pool; 李娜 opens it, 张伟 signs for it first.
            await OpenAsync(li, "pool", receipt, "review");
            await OpenAsync(zhang, "pool", receipt, "review");
            await Axe.ShouldPassAsync(zhang, "待签收");
            await SendAsync(zhang, "claim");
            // 李娜's page still offers 签收: the engine refuses it with its Chinese reason.
            await li.Locator("[data-testid=personal-task-pane] [data-event=claim]").ClickAsync();
            (await li.GetByTestId("op-error").InnerTextAsync()).ShouldMatch(@"\p{IsCJKUnifiedIdeographs}");

            // 我的待办 → 转办 to 李娜: a reason is required.
            await OpenAsync(zhang, "mine", receipt, "review");
            (await Row(zhang, receipt, "review").GetByTestId("row-holder").InnerTextAsync()).ShouldBe("张伟");
            await zhang.Locator("[data-testid=personal-task-pane] [data-event=transfer]").ClickAsync();
            // The other handlers first; 承办 allows 转办 to another department's pool too.
            var choices = await zhang.Locator("[data-testid=op-person] option").AllInnerTextsAsync();
            choices.Take(3).ShouldBe(["—", "李娜", "赵敏"]);
            choices.ShouldContain("税务局");
            choices.ShouldNotContain("张伟");
            choices.ShouldNotContain("王强");
            await zhang.GetByTestId("op-person").SelectOptionAsync("li-na");
            await zhang.GetByTestId("op-send").ClickAsync();
            (await zhang.GetByTestId("op-error").InnerTextAsync()).ShouldBe("请填写理由。");
            await zhang.GetByTestId("op-text").FillAsync("本人出差，转李娜办理");
            await SubmitAsync(zhang);

            // 李娜 has it, and sees who held it before; she agrees (承办).
            await OpenAsync(li, "mine", receipt, "review");
            (await Row(li, receipt, "review").GetByTestId("row-previous").InnerTextAsync()).ShouldBe("张伟");
            await SendAsync(li, "approve", "承办意见：同意");

            // 会签: 审核 needs a handler and a reviewer; after 李娜 signs, the case view shows her decision and the pending slot.
            await OpenAsync(li, "mine", receipt, "checking");
            (await li.Locator("[data-testid=personal-task-pane] [data-testid=signing-rule]").InnerTextAsync()).ShouldBe("会签");
            await SendAsync(li, "approve", "同意");
            await OpenAsync(wang, "mine", receipt, "checking");
            var signers = wang.Locator("[data-testid=personal-task-pane] [data-testid=signer]");
            (await signers.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.decision)")).ShouldBe(["approve", "pending"]);
            (await signers.First.InnerTextAsync()).ShouldContain("李娜");
            await Axe.ShouldPassAsync(wang, "会签");
            await SendAsync(wang, "approve", "审核通过");

            // 退回: 王强 at 批准 sends the case back to 承办 with a reason; it goes to 李娜, who did that step.
            await OpenAsync(wang, "pool", receipt, "approving");
            await wang.Locator("[data-testid=personal-task-pane] [data-event=send-back]").ClickAsync();
            await wang.Locator("[data-testid=op-step] option[value=review]").Filter(new LocatorFilterOptions { HasText = "登记审查（承办）" }).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            await wang.GetByTestId("op-step").SelectOptionAsync("review");
            await wang.GetByTestId("op-text").FillAsync("股东会决议签字不全，请核实");
            await SubmitAsync(wang);
            await OpenAsync(li, "mine", receipt, "review");
            (await Row(li, receipt, "review").GetByTestId("row-holder").InnerTextAsync()).ShouldBe("李娜");

            // 撤回: 李娜 submits again, then takes it back while the 会签 has not started.
            await SendAsync(li, "approve", "已核实");
            await OpenAsync(li, "done", receipt, "review");
            await SendAsync(li, "recall");
            await OpenAsync(li, "mine", receipt, "review");

            // 同意 through to the end: 承办, 会签 by both, 批准 by 王强.
            await SendAsync(li, "approve", "已核实，同意");
            await OpenAsync(li, "mine", receipt, "checking");
            await SendAsync(li, "approve");
            await OpenAsync(wang, "mine", receipt, "checking");
            await SendAsync(wang, "approve");
            await OpenAsync(wang, "pool", receipt, "approving");
            await SendAsync(wang, "approve", "准予变更");

            // 已办 of each: what they did, newest first; the case has moved on to 换发执照.
            await OpenAsync(wang, "done", receipt, "approving");
            var done = await wang.Locator($"[data-testid=personal-tasks] tr[data-receipt='{receipt}']").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.state)");
            done[0].ShouldBe("approving");
            done.ShouldContain("checking");
            await Axe.ShouldPassAsync(wang, "已办");
            // The supervisor's dashboard: workload per person and per position, with 转办 counted for 张伟.
            var supervisor = await server.NewPageAsync(await server.TokenAsync("--role", "supervisor"));
            pages.Add(supervisor);
            await supervisor.GotoAsync(new Uri(server.BaseUrl, "dashboard").ToString());
            await supervisor.GetByTestId("people-workload").WaitForAsync();
            (await supervisor.Locator("[data-testid=people-metrics] tr[data-key='zhang-wei'] [data-testid=transfers]").InnerTextAsync()).ShouldBe("1");
            int.Parse(await supervisor.Locator("[data-testid=people-metrics] tr[data-key='li-na'] [data-testid=done]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture)
                .ShouldBeGreaterThanOrEqualTo(2);
            (await supervisor.Locator("[data-testid=position-metrics] tr[data-key='reviewer']").CountAsync()).ShouldBeGreaterThan(0);
            await Axe.ShouldPassAsync(supervisor, "监督看板", "[data-testid=people-workload]");
        }
        catch
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            for (var i = 0; i < pages.Count; i++)
            {
                await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"people-tasks-{i}.png"), FullPage = true });
            }

            throw;
        }
        finally
        {
            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }
        }
    }

    [SkippableFact]
    public async Task Designer_TaskStep_InspectorEditsTheRuleGraphShowsSigningAndReturns()
    {
        if (server.Unavailable is { } reason)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("browser tests cannot run in CI: " + reason);
            }

            Skip.If(true, reason);
        }

        await server.CopyDefinitionAsync("BDCDJ-0301", "DT-PEOPLE");
        var page = await server.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(server.BaseUrl, "designer/DT-PEOPLE").ToString());
            await page.Locator("[data-id=review]").WaitForAsync();
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "适应视图", Exact = true }).ClickAsync();
            // 三科会签 carries its badge; 登簿 may send the case back to 审核: a dashed edge.
            (await page.Locator("[data-id=review] .badge-signing").InnerTextAsync()).ShouldBe("会签");
            (await page.Locator(".react-flow__edge-path.return").CountAsync()).ShouldBe(1);

            await page.Locator("[data-id=recording]").ClickAsync();
            var position = page.GetByTestId("task-position");
            (await position.InputValueAsync()).ShouldBe("registrar");
            // The positions come from GET /api/people: the chosen one reads by its name once they have loaded.
            await position.Locator("option:checked").Filter(new LocatorFilterOptions { HasText = "登簿人" }).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            (await page.GetByTestId("task-return-review").IsCheckedAsync()).ShouldBeTrue();
            await Axe.ShouldPassAsync(page, "办理人规则", "[data-testid=task-rule]");

            // 依次审批 starts its signers from the position; the graph badges it at once.
            await page.GetByTestId("task-signing").SelectOptionAsync("sequential");
            await WaitForYamlAsync(page, "signing: sequential");
            await page.Locator("[data-id=recording] .badge-signing").Filter(new LocatorFilterOptions { HasText = "依次" }).WaitForAsync();
            await page.GetByTestId("task-add-signer").SelectOptionAsync("leader");
            await WaitForYamlAsync(page, "leader");
            await page.GetByTestId("task-transfer").CheckAsync();
            await WaitForYamlAsync(page, "transfer: true");
            // Allowing no return removes the dashed edge.
            await page.GetByTestId("task-return-review").UncheckAsync();
            await page.Locator(".react-flow__edge-path.return").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        }
        catch
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "people-designer.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static Task WaitForYamlAsync(IPage page, string text) =>
        page.WaitForFunctionAsync("t => document.querySelector('[data-testid=yaml-editor]')?.yamlText?.().includes(t)", text);

    private static ILocator Row(IPage page, string receipt, string state) =>
        page.Locator($"[data-testid=personal-tasks] tr[data-receipt='{receipt}'][data-state='{state}']").First;

    /// <summary>Shows the tab and opens the case's row at <paramref name="state"/> (waiting for the list to have it).</summary>
    private static async Task OpenAsync(IPage page, string tab, string receipt, string state)
    {
        await page.GetByTestId($"tab-{tab}").ClickAsync();
        var row = Row(page, receipt, state);
        try
        {
            await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            var answer = await page.EvaluateAsync<string>(
                "async (view) => (await fetch('/api/my/tasks?view=' + view, { headers: { Authorization: 'Bearer ' + localStorage.getItem('hongqi.token') } })).text()", tab);
            throw new TimeoutException($"{receipt} at {state} is not in the {tab} list; the server lists {answer}");
        }

        await row.ClickAsync();
        await page.GetByTestId("personal-task-pane").WaitForAsync();
    }

    /// <summary>Clicks the operation in the open pane; fills the note or reason when it asks for one, then sends it.</summary>
    private static async Task SendAsync(IPage page, string operation, string? text = null)
    {
        var button = page.Locator($"[data-testid=personal-task-pane] [data-event={operation}]");
        var response = await page.RunAndWaitForResponseAsync(async () =>
        {
            await button.ClickAsync();
            if (await page.GetByTestId("task-op-form").IsVisibleAsync())
            {
                if (text is not null)
                {
                    await page.GetByTestId("op-text").FillAsync(text);
                }

                await page.GetByTestId("op-send").ClickAsync();
            }
        }, r => r.Url.Contains("/events", StringComparison.Ordinal) && r.Request.Method == "POST");
        response.Status.ShouldBe(200, $"{operation}: {await response.TextAsync()}");
    }

    private static async Task SubmitAsync(IPage page)
    {
        var response = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("op-send").ClickAsync(),
            r => r.Url.Contains("/events", StringComparison.Ordinal) && r.Request.Method == "POST");
        response.Status.ShouldBe(200, await response.TextAsync());
    }


    private async Task<HttpClient> ClientAsync(params string[] token)
    {
        var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await server.TokenAsync(token));
        return http;
    }

    /// <summary>
    /// Publishes the copy of 营业执照变更登记 (审核 a 会签 of 承办人 and 审核人, 批准 by a 审核人, any step returnable) once,
    /// then receives and accepts a case at the window; returns its receipt number.
    /// </summary>
    private async Task<string> StartCaseAsync()
    {
        using var author = server.Http();
        var existing = await author.GetAsync($"api/definitions/{Code}/versions");
        if (!existing.IsSuccessStatusCode || (await existing.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength() == 0)
        {
            var source = await author.GetFromJsonAsync<JsonElement>("api/definitions/SCZT-1001");
            var yaml = source.GetProperty("yaml").GetString()!;
            yaml = Replace(yaml, "  code: SCZT-1001", $"  code: {Code}");
            yaml = Replace(yaml, "    task: { position: reviewer, notSameAs: review, returns: [review] }\n    on:\n      approve: { to: approving, by: department:market-regulation, title: 审核通过 }\n",
                "    task: { signing: all, signers: [handler, reviewer], approve: approve, refuse: refuse, returns: [review] }\n    on:\n"
                + "      approve: { to: approving, by: department:market-regulation, title: 审核通过 }\n"
                + "      refuse: { to: review, by: department:market-regulation, title: 会签不同意 }\n");
            yaml = Replace(yaml, "    task: { position: leader, notSameAs: checking, returns: any }", "    task: { position: reviewer, returns: any }");
            await server.CreateDraftAsync(Code, "营业执照变更登记（会签）", yaml);
            var published = await author.PostAsync($"api/definitions/{Code}/publish", null);
            published.IsSuccessStatusCode.ShouldBeTrue(await published.Content.ReadAsStringAsync());
        }

        using var window = await ClientAsync("--role", "window");
        var started = await window.PostAsJsonAsync("api/cases", new
        {
            item = Code,
            applicant = new { name = "某咨询有限公司", idNumber = "110101199003074514", phone = "13812345678" },
            submitted = new[] { "application", "resolution", "articles-amendment", "premises" },
            data = new { changes = new[] { "shareholders" } },
            channel = "window",
        });
        started.IsSuccessStatusCode.ShouldBeTrue(await started.Content.ReadAsStringAsync());
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("caseId").GetString()!;
        var accepted = await window.PostAsJsonAsync($"api/cases/{id}/events", new { @event = "accept" });
        accepted.IsSuccessStatusCode.ShouldBeTrue(await accepted.Content.ReadAsStringAsync());
        return body.GetProperty("receipt").GetString()!;
    }

    private static string Replace(string yaml, string from, string to)
    {
        var text = yaml.Replace("\r\n", "\n", StringComparison.Ordinal);
        Regex.Count(text, Regex.Escape(from)).ShouldBe(1, from);
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}
