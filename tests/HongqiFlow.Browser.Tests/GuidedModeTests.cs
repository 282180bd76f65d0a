using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>
/// The designer's guided mode (引导模式): an item made from a catalog template and completed through the cards alone —
/// an approver, a parallel department set, time limits and a material, each chosen from names — validates, runs its
/// simulation to the end and passes axe-core; a 条件分支 chosen in words writes the guard the engine routes by; deleting a card asks first and undoes; a definition beyond a line of cards
/// says which parts the view cannot show.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class GuidedModeTests(DesignerServer server) : DesignerPage(server)
{
    [SkippableFact]
    public Task NewItemFromTemplate_CompletedThroughTheCards_ValidatesAndSimulatesToTheEnd() => RunAsync(nameof(NewItemFromTemplate_CompletedThroughTheCards_ValidatesAndSimulatesToTheEnd), async page =>
    {
        const string code = "GM-GUIDED";
        await page.GotoAsync(new Uri(Server.BaseUrl, "designer").ToString());
        await page.GetByTestId("create-code").FillAsync(code);
        await page.GetByTestId("create-name").FillAsync("引导模式示例事项");
        await page.Locator("form.create").GetByLabel("模板").SelectOptionAsync(new SelectOptionValue { Label = "基本（一窗受理、一个部门审查）" });
        await page.Locator("form.create button[type=submit]").ClickAsync();
        await page.GetByTestId("view-guided").ClickAsync();

        var cards = page.GetByTestId("guided-card");
        await cards.Nth(2).WaitForAsync();
        // The department's name comes with the organization (GET /api/people); until then the card says 正在加载….
        await cards.Nth(1).GetByText("政务服务管理局").WaitForAsync();
        (await cards.AllInnerTextsAsync()).Select(Flat).ShouldBe(["收件 收件 含补正：补正材料", "审批人 审查 政务服务管理局", "办结 已办结"]);
        (await page.GetByTestId("guided-complex").CountAsync()).ShouldBe(0, "a new item from the template is simple enough for the cards");

        // 收件 → "+" → 审批人: 科室审核 by the market regulator's 审核人, two working days.
        await page.Locator("[data-testid=guided-plus][data-after=received]").ClickAsync();
        await page.GetByTestId("guided-add-step").ClickAsync();
        var form = page.GetByTestId("guided-add-form");
        await form.GetByTestId("guided-new-title").FillAsync("科室审核");
        await form.GetByTestId("guided-new-department").SelectOptionAsync(new SelectOptionValue { Label = "市场监督管理局" });
        await form.GetByTestId("guided-new-position").SelectOptionAsync(new SelectOptionValue { Label = "审核人" });
        await form.GetByTestId("guided-new-limit-amount").FillAsync("2");
        await form.GetByTestId("guided-new-limit-unit").SelectOptionAsync(new SelectOptionValue { Label = "工作日" });
        await form.GetByTestId("guided-new-add").ClickAsync();
        await cards.Nth(3).WaitForAsync();
        Flat(await cards.Nth(1).InnerTextAsync()).ShouldBe("审批人 科室审核 市场监督管理局 · 审核人 2 工作日");

        // After it, "+" → 并联部门: 税务局 and 公安局 together, three working days each.
        await page.Locator("[data-testid=guided-plus][data-after=ke-shi-shen-he]").ClickAsync();
        await page.GetByTestId("guided-add-parallel").ClickAsync();
        form = page.GetByTestId("guided-add-form");
        await form.GetByLabel("税务局").CheckAsync();
        await form.GetByLabel("公安局").CheckAsync();
        await form.GetByTestId("guided-new-limit-amount").FillAsync("3");
        await form.GetByTestId("guided-new-add").ClickAsync();
        await cards.Nth(4).WaitForAsync();
        Flat(await cards.Nth(2).InnerTextAsync()).ShouldBe("并联部门 并联审批 税务局、公安局");

        // The intake card: the item's limits as a number of working days, and one more material by its name.
        await cards.Nth(0).ClickAsync();
        await page.GetByTestId("guided-promised-amount").FillAsync("3");
        await page.GetByTestId("guided-promised-amount").PressAsync("Tab");
        await page.GetByTestId("guided-statutory-amount").FillAsync("15");
        await page.GetByTestId("guided-statutory-amount").PressAsync("Tab");
        await page.GetByTestId("guided-material-name").FillAsync("营业执照副本");
        await page.GetByTestId("guided-material-add").ClickAsync();
        await page.GetByTestId("guided-materials").GetByText("营业执照副本").WaitForAsync();
        await WaitForYamlAsync(page, "statutory: 15wd");

        // The same YAML, patched in place: the template's comment and lines kept, ids made from the titles.
        var yaml = await YamlAsync(page);
        yaml.ShouldStartWith("# 引导模式示例事项\n");
        yaml.ShouldContain("promised: 3wd");
        yaml.ShouldContain("accept:         { to: ke-shi-shen-he, by: window, when: \"missing.length === 0\" }");
        yaml.ShouldContain("task: { position: reviewer }");
        yaml.ShouldContain("{ id: ying-ye-zhi-zhao-fu-ben, name: 营业执照副本 }");
        yaml.ShouldContain("use: review");

        await page.GetByTestId("save-draft").ClickAsync();
        await page.GetByText("已保存").First.WaitForAsync();
        // The problems panel has nothing to say, and the server finds no error in the saved draft.
        await page.GetByTestId("tab-problems").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^问题$") }).WaitForAsync();
        var (saved, errors) = await SavedDraftAsync(code);
        saved.ShouldBe(yaml);
        errors.ShouldBeEmpty();

        await page.GetByTestId("view-guided").ClickAsync();
        await Axe.ShouldPassAsync(page, "the guided mode");
        await cards.Nth(2).ClickAsync();
        await SaveImageAsync(page, "designer-guided.png");
        await Axe.ShouldPassAsync(page, "the guided mode with a parallel set open");

        // The simulation runs the new item to its end: 收件 → 科室审核 (a 审核人) → both departments → 审查 → 已办结.
        await RunSampleAsync(page, $$"""
            sample: 引导模式新建事项办结
            definition: {{code}}
            clock: 2026-09-28T09:00:00+08:00
            case:
              applicant: { name: 张三 }
              submitted: [application, ying-ye-zhi-zhao-fu-ben]
            steps:
              - { send: accept, by: window, expect: { state: ke-shi-shen-he } }
              - { send: approve, by: department:market-regulation, user: wang-qiang, expect: { state: bing-lian-shen-pi } }
              - { send: approve, branch: tax, by: department:tax }
              - { send: approve, branch: public-security, by: department:public-security, expect: { state: reviewing } }
              - { send: approve, by: window }
            expect:
              state: issued
              outcome: approved
            """);
    });

    [SkippableFact]
    public Task Condition_ChosenInWords_RoutesByTheGuardItWrites() => RunAsync(nameof(Condition_ChosenInWords_RoutesByTheGuardItWrites), async page =>
    {
        const string code = "GM-COND";
        var cards = await OpenNewItemGuidedAsync(page, code, "引导条件分支", "basic", 3);

        // 收件 → 集体审议 → 出证 (the template's 审查, renamed) → 办结.
        await page.Locator("[data-testid=guided-plus][data-after=received]").ClickAsync();
        await page.GetByTestId("guided-add-step").ClickAsync();
        var form = page.GetByTestId("guided-add-form");
        await form.GetByTestId("guided-new-title").FillAsync("集体审议");
        await form.GetByTestId("guided-new-department").SelectOptionAsync(new SelectOptionValue { Label = "政务服务管理局" });
        await form.GetByTestId("guided-new-add").ClickAsync();
        await cards.Nth(3).WaitForAsync();
        await page.Locator("[data-testid=guided-card][data-card=reviewing]").ClickAsync();
        await page.GetByTestId("guided-title").FillAsync("出证");
        await page.GetByTestId("guided-title").PressAsync("Enter");
        await WaitForYamlAsync(page, "title: 出证");

        // "+" after 收件 → 条件分支: 金额 大于 100万 → 集体审议, otherwise → 出证; no id and no expression typed.
        await page.Locator("[data-testid=guided-plus][data-after=received]").ClickAsync();
        await page.GetByTestId("guided-add-condition").ClickAsync();
        form = page.GetByTestId("guided-add-form");
        await form.GetByTestId("guided-new-title").FillAsync("金额判断");
        await form.GetByLabel("字段", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "金额" });
        await form.GetByLabel("比较", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "大于" });
        await form.GetByLabel("值", new() { Exact = true }).FillAsync("100万");
        await form.GetByLabel("满足条件时转到", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "集体审议" });
        await form.GetByLabel("否则转到", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "出证" });
        await Axe.ShouldPassAsync(page, "the guided mode adding a condition");
        await form.GetByTestId("guided-new-add").ClickAsync();
        await cards.Nth(4).WaitForAsync();
        (await cards.AllInnerTextsAsync()).Select(Flat).ShouldBe([
            "收件 收件 含补正：补正材料",
            "条件分支 金额判断 金额大于100万 → 集体审议 其他情况 → 出证",
            "审批人 集体审议 政务服务管理局",
            "审批人 出证 政务服务管理局",
            "办结 已办结",
        ]);
        (await page.GetByTestId("guided-complex").CountAsync()).ShouldBe(0, "a condition the cards wrote is shown, not read-only");

        var yaml = await YamlAsync(page);
        yaml.ShouldContain("accept:         { to: jin-e-pan-duan, by: window, when: \"missing.length === 0\" }");
        yaml.ShouldContain("- { to: ji-ti-shen-yi, by: system, when: \"data.amount > 1000000\", title: 金额大于100万 }");
        yaml.ShouldContain("- { to: reviewing, by: system, title: 其他情况 }");
        await Axe.ShouldPassAsync(page, "the guided mode with a condition open");

        await page.GetByTestId("save-draft").ClickAsync();
        await page.GetByText("已保存").First.WaitForAsync();
        (await SavedDraftAsync(code)).Errors.ShouldBeEmpty();

        // The engine routes by the written guard: 200万 goes to 集体审议 first, 50万 straight to 出证.
        foreach (var (amount, steps) in new[]
        {
            ("2000000", "- { send: accept, by: window, expect: { state: ji-ti-shen-yi } }\n  - { send: approve, by: department:government-service, expect: { state: reviewing } }"),
            ("500000", "- { send: accept, by: window, expect: { state: reviewing } }"),
        })
        {
            await RunSampleAsync(page, $$"""
                sample: 条件分支 {{amount}}
                definition: {{code}}
                clock: 2026-09-28T09:00:00+08:00
                case:
                  applicant: { name: 张三 }
                  submitted: [application]
                  data: { amount: {{amount}} }
                steps:
                  {{steps}}
                  - { send: approve, by: window }
                expect:
                  state: issued
                  outcome: approved
                """);
        }

        // Changed in words on its card: 金额 不少于 300万 — the guard and the title follow, in place.
        await page.GetByTestId("view-guided").ClickAsync();
        await page.Locator("[data-testid=guided-card][data-card=jin-e-pan-duan]").ClickAsync();
        var condition = page.GetByTestId("guided-condition");
        await condition.GetByLabel("比较", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "不少于" });
        await condition.GetByLabel("值", new() { Exact = true }).FillAsync("300万");
        await page.GetByTestId("guided-condition-apply").ClickAsync();
        await WaitForYamlAsync(page, "when: \"data.amount >= 3000000\", title: 金额不少于300万");
    });

    [SkippableFact]
    public Task DeleteCard_AsksFirst_AndUndoBringsItBack() => RunAsync(nameof(DeleteCard_AsksFirst_AndUndoBringsItBack), async page =>
    {
        const string code = "GM-DELETE";
        var cards = await OpenNewItemGuidedAsync(page, code, "引导删除", "parallel", 4);
        (await cards.CountAsync()).ShouldBe(4);
        await page.Locator("[data-testid=guided-card][data-card=approval]").ClickAsync();
        await page.GetByTestId("guided-delete").ClickAsync();
        var confirm = page.GetByTestId("guided-delete-confirm");
        (await confirm.InnerTextAsync()).ShouldContain("确定删除“并联审批”吗？");
        await page.GetByTestId("guided-delete-no").ClickAsync();
        (await cards.CountAsync()).ShouldBe(4, "cancelled: nothing is deleted");

        await page.GetByTestId("guided-delete").ClickAsync();
        await page.GetByTestId("guided-delete-yes").ClickAsync();
        await page.Locator("[data-testid=guided-card][data-card=approval]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        (await YamlAsync(page)).ShouldContain("accept:         { to: issuing, by: window, when: \"missing.length === 0\" }");

        await page.GetByTestId("undo").ClickAsync();
        await page.Locator("[data-testid=guided-card][data-card=approval]").WaitForAsync();
        (await YamlAsync(page)).ShouldContain("accept:         { to: approval, by: window, when: \"missing.length === 0\" }");
    });

    [SkippableFact]
    public Task ComplexDefinition_SaysWhatTheCardsCannotShow_AndKeepsThemReadOnly() => RunAsync(nameof(ComplexDefinition_SaysWhatTheCardsCannotShow_AndKeepsThemReadOnly), async page =>
    {
        await page.AddInitScriptAsync("localStorage.setItem('hongqi.designView', 'guided');");
        await page.GotoAsync(new Uri(Server.BaseUrl, "designer/SCZT-1001").ToString());
        var notice = page.GetByTestId("guided-complex");
        await notice.WaitForAsync();
        // 营业执照变更登记 routes by condition after 收件 (智能分流): the routing is shown read-only, and the steps behind it named.
        var text = await notice.InnerTextAsync();
        text.ShouldContain("只读");
        text.ShouldContain("智能分流：含条件分支");
        text.ShouldContain("未显示：登记审查（承办）");
        var routing = page.Locator("[data-testid=guided-card][data-card=routing]");
        (await routing.InnerTextAsync()).ShouldContain("只读");
        (await page.Locator("[data-testid=guided-plus][data-after=routing]").CountAsync()).ShouldBe(0);
        await routing.ClickAsync();
        await page.GetByTestId("guided-card-form").GetByText("含条件分支").WaitForAsync();
        (await page.GetByTestId("guided-card-form").Locator("input, select").CountAsync()).ShouldBe(0, "a read-only part has no fields to change");
        await Axe.ShouldPassAsync(page, "the guided mode of a complex definition");
    });

    /// <summary>Creates an item from a catalog template through the API and opens it in the guided mode, once it shows <paramref name="cardCount"/> cards.</summary>
    private async Task<ILocator> OpenNewItemGuidedAsync(IPage page, string code, string name, string template, int cardCount)
    {
        using (var http = Server.Http())
        {
            using var create = await http.PostAsync("api/definitions", JsonContent.Create(new { code, name, template }));
            create.EnsureSuccessStatusCode();
        }

        await page.AddInitScriptAsync("localStorage.setItem('hongqi.designView', 'guided');");
        await page.GotoAsync(new Uri(Server.BaseUrl, $"designer/{code}").ToString());
        var cards = page.GetByTestId("guided-card");
        await cards.Nth(cardCount - 1).WaitForAsync();
        return cards;
    }

    /// <summary>The saved draft of an item and the errors the server's validation finds in it.</summary>
    private async Task<(string Yaml, List<string> Errors)> SavedDraftAsync(string code)
    {
        using var http = Server.Http();
        var saved = (await http.GetFromJsonAsync<JsonElement>($"api/definitions/{code}")).GetProperty("yaml").GetString()!;
        using var validate = await http.PostAsync("api/definitions/validate", JsonContent.Create(new { yaml = saved }));
        var diagnostics = (await validate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray();
        return (saved, diagnostics.Where(d => d.GetProperty("severity").GetString() == "error").Select(d => d.ToString()).ToList());
    }

    /// <summary>Runs a sample in the simulation tab and expects it to pass (choosing the mode again clears a verdict from before).</summary>
    private static async Task RunSampleAsync(IPage page, string sample)
    {
        await page.GetByTestId("tab-simulation").ClickAsync();
        await page.GetByTestId("mode-steps").CheckAsync();
        await page.GetByTestId("mode-sample").CheckAsync();
        await page.GetByTestId("sample-yaml").FillAsync(sample);
        await page.GetByTestId("simulate-run").ClickAsync();
        await page.GetByTestId("sim-verdict").Filter(new LocatorFilterOptions { HasText = "样例通过" }).WaitForAsync();
        (await page.GetByTestId("sim-failures").CountAsync()).ShouldBe(0, sample.Split('\n')[0]);
    }

    private static string Flat(string s) => string.Join(' ', s.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0));
}
