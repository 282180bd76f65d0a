using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>
/// The designer for an author who never types an id (issue 20): a transition's target chosen by its title and who may
/// send it from a list, a material whose id is generated from its name in pinyin, a duration entered as 3 工作日 with
/// its due-date preview, and the problems panel, the versions diff and the migration plan saying places in names. A scan
/// of the inspector's and the panels' visible text in Chinese finds no id of the definition and no DSL word; axe-core
/// finds no violation. Each test works on a copy of 企业开办 of its own.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed partial class DesignerNamesTests(DesignerServer server) : DesignerPage(server)
{
    private async Task OpenCopyAsync(IPage page, string code)
    {
        await Server.CopyDefinitionAsync("QYKB-0001", code);
        await OpenAsync(page, code);
    }

    [SkippableFact]
    public Task Author_ChoosesTargetAndRoleByName_AddsAMaterialByName_SetsThreeWorkingDays() => RunAsync(nameof(Author_ChoosesTargetAndRoleByName_AddsAMaterialByName_SetsThreeWorkingDays), async page =>
    {
        await OpenCopyAsync(page, "DN-AUTHOR");

        // Nothing selected: the item's form. An existing 0.5wd reads as 0.5 and 工作日.
        (await page.GetByTestId("item-promised-amount").InputValueAsync()).ShouldBe("0.5");
        (await page.GetByTestId("item-promised-unit").InputValueAsync()).ShouldBe("wd");
        (await page.GetByTestId("item-promised-unit").Locator("option:checked").InnerTextAsync()).ShouldBe("工作日");

        // A material is added by its Chinese name; its id is the name's pinyin, shown only under 高级.
        await page.GetByTestId("add-material-name").FillAsync("营业执照副本");
        await page.GetByTestId("add-material").GetByRole(AriaRole.Button).ClickAsync();
        await WaitForYamlAsync(page, "{ id: ying-ye-zhi-zhao-fu-ben, name: 营业执照副本 }");
        var material = page.Locator("[data-testid=materials] [data-material=ying-ye-zhi-zhao-fu-ben]");
        (await material.InnerTextAsync()).ShouldNotContain("ying-ye-zhi-zhao-fu-ben");
        await material.Locator("summary").ClickAsync();
        (await material.GetByTestId("material-id-input").InputValueAsync()).ShouldBe("ying-ye-zhi-zhao-fu-ben");

        // 出证: a new transition named 归档, to 已办结 chosen by its title, sent by 监督 ticked from the roles in words.
        await page.Locator("[data-id=issuing]").ClickAsync();
        (await page.GetByTestId("inspector-heading").InnerTextAsync()).ShouldBe("状态：出证");
        var add = page.GetByTestId("add-transition");
        await add.GetByTestId("add-transition-title").FillAsync("归档");
        await add.GetByTestId("add-transition-target").SelectOptionAsync(new SelectOptionValue { Label = "已办结" });
        await add.GetByLabel("监督").CheckAsync();
        await add.GetByRole(AriaRole.Button, new() { Name = "添加流转" }).ClickAsync();
        await WaitForYamlAsync(page, "gui-dang:");
        var yaml = await YamlAsync(page);
        yaml.ShouldContain("gui-dang: { to: issued, title: 归档, by: supervisor }");
        var form = page.Locator("[data-testid=transition-form][data-event=gui-dang]");
        (await form.GetByTestId("transition-target").Locator("option:checked").InnerTextAsync()).ShouldBe("已办结");
        (await form.GetByTestId("transition-roles").GetByLabel("监督").IsCheckedAsync()).ShouldBeTrue();
        (await form.InnerTextAsync()).ShouldNotContain("gui-dang");

        // A role added to the existing 出证 transition from the list: the YAML keeps the ids, the form shows words.
        var issue = page.Locator("[data-testid=transition-form][data-event=issue]");
        await issue.GetByTestId("transition-roles").GetByLabel("申请人").CheckAsync();
        await WaitForYamlAsync(page, "by: [ window, applicant ]");

        // The step limit: 3 and 工作日, with the due date if it started now.
        await page.GetByTestId("inspector-limit-unit").SelectOptionAsync(new SelectOptionValue { Label = "工作日" });
        await page.GetByTestId("inspector-limit-amount").FillAsync("3");
        await page.GetByTestId("inspector-limit-amount").PressAsync("Enter");
        await WaitForYamlAsync(page, "limit: 3wd");
        (await page.GetByTestId("inspector-limit-preview").InnerTextAsync()).ShouldStartWith("若现在开始，到期于");
        // Not a number: said in Chinese, nothing written.
        await page.GetByTestId("inspector-limit-amount").FillAsync("三天");
        await page.GetByTestId("inspector-limit-amount").PressAsync("Enter");
        (await page.GetByTestId("inspector-limit").GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("请输入大于 0 的数字");
        (await YamlAsync(page)).ShouldContain("limit: 3wd");
        await SaveImageAsync(page, "designer-names.png");
        await Axe.ShouldPassAsync(page, "the inspector of a state", ".inspector-pane");
    });

    [SkippableFact]
    public Task AddedState_TakesItsIdFromItsFirstTitle() => RunAsync(nameof(AddedState_TakesItsIdFromItsFirstTitle), async page =>
    {
        await OpenCopyAsync(page, "DN-STATE");
        await page.GetByTestId("add-state").ClickAsync();
        await page.Locator("[data-id=state]").WaitForAsync();
        var title = page.GetByTestId("inspector-title");
        await title.FillAsync("档案归集");
        await title.PressAsync("Enter");
        await WaitForYamlAsync(page, "dang-an-gui-ji: { title: 档案归集");
        await page.Locator("[data-id=dang-an-gui-ji]").WaitForAsync();
        (await page.GetByTestId("inspector-heading").InnerTextAsync()).ShouldBe("状态：档案归集");
        await page.GetByTestId("advanced-id").Locator("summary").ClickAsync();
        var id = page.GetByTestId("advanced-id-input");
        (await id.InputValueAsync()).ShouldBe("dang-an-gui-ji");
        // An id that breaks the rule is refused where it is typed, in Chinese.
        await id.FillAsync("Dang An");
        (await page.GetByTestId("advanced-id").GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldBe("编号只能用小写字母、数字和短横线，以字母开头");
    });

    [SkippableFact]
    public Task ProblemsDiffAndMigration_SayPlacesInNames() => RunAsync(nameof(ProblemsDiffAndMigration_SayPlacesInNames), async page =>
    {
        const string code = "DN-PLACES";
        await Server.CopyDefinitionAsync("QYKB-0001", code);
        using var author = Server.Http();
        (await author.PostAsync($"api/definitions/{code}/publish", null)).IsSuccessStatusCode.ShouldBeTrue();

        // Version 2 in the draft: 出证 gets a limit in the inspector, and its target is broken in the YAML.
        await OpenAsync(page, code);
        await page.Locator("[data-id=issuing]").ClickAsync();
        await page.GetByTestId("inspector-limit-amount").FillAsync("1");
        await page.GetByTestId("inspector-limit-unit").SelectOptionAsync(new SelectOptionValue { Label = "工作小时" });
        await WaitForYamlAsync(page, "limit: 1wh");

        await page.GetByTestId("tab-versions").ClickAsync();
        await page.GetByTestId("publish").ClickAsync();
        await page.GetByTestId("version-list").Locator("tbody tr").Nth(1).WaitForAsync();
        await page.GetByTestId("show-diff").ClickAsync();
        var summary = await page.GetByTestId("diff-summary").InnerTextAsync();
        summary.ShouldContain("新增 状态“出证” › 时限");
        summary.ShouldNotContain("main:");
        summary.ShouldNotContain("issuing");
        (await page.GetByTestId("diff-change").Filter(new LocatorFilterOptions { HasText = "状态“出证” › 时限" }).GetAttributeAsync("title")).ShouldNotBeNull().ShouldContain("limit state main:issuing");
        await Axe.ShouldPassAsync(page, "the versions panel with a diff", "[data-testid=versions]");

        // A broken target: the problem's place reads 状态“出证” › 事件“出证” › 目标状态, the path in its tooltip.
        var document = await author.GetFromJsonAsync<JsonElement>($"api/definitions/{code}");
        var yaml = document.GetProperty("yaml").GetString()!.Replace("issue:   { to: issued,", "issue:   { to: isued,", StringComparison.Ordinal);
        var saved = await author.PutAsJsonAsync($"api/definitions/{code}/draft", new { yaml, baseRevision = document.GetProperty("revision").GetInt32() });
        saved.IsSuccessStatusCode.ShouldBeTrue(await saved.Content.ReadAsStringAsync());
        await OpenAsync(page, code);
        await page.GetByTestId("tab-problems").ClickAsync();
        var row = page.GetByTestId("problem-row").Filter(new LocatorFilterOptions { HasText = "HQ2001" }).First;
        var location = row.GetByTestId("problem-location");
        (await location.InnerTextAsync()).ShouldBe("状态“出证” › 事件“出证” › 目标状态");
        (await location.GetAttributeAsync("title")).ShouldBe("文件中的位置：/states/issuing/on/issue/to");
        await Axe.ShouldPassAsync(page, "the problems panel", ".editor-bottom");
    });

    /// <summary>
    /// What an author must never read in the Chinese designer: the ids of 企业开办 (states, events, materials, branches,
    /// departments) and the DSL's own words (keys, roles, units, outcomes, notice kinds). Matched as whole ASCII words, so
    /// a code such as HQ2001 or a guard written in an input is not counted; the graph and the YAML view are the other
    /// panes' and are not scanned here. The shared templates of organization.yaml (`warning`, `verification-overdue`) are
    /// offered by their titles (GET /api/organization lists them).
    /// </summary>
    private static readonly string[] Forbidden =
    [
        // states and branches
        "received", "correcting", "approval", "issuing", "issued", "rejected", "terminated", "revoked", "withdrawn", "not-accepted", "reviewing", "market", "tax", "social", "seal", "review",
        // events
        "accept", "accept-tolerated", "accept-committed", "notify-missing", "resubmit", "withdraw", "approve", "reject", "issue",
        // materials and departments
        "application", "articles", "premises", "shareholder-resolution", "legal-rep-id", "market-regulation", "government-service", "cn-mainland",
        // DSL keys and values
        "onBreach", "onFalse", "onTimeout", "onDone", "onReject", "tolerance", "commitment", "notice", "one-time", "correction", "states", "parallel", "branches",
        "window", "applicant", "supervisor", "lead", "department", "system", "wd", "wh", "min", "limit", "title", "outcome", "clock", "running", "not-started",
        "waiting-applicant", "special-procedure", "stopped", "approved", "warn", "all", "any", "atLeast", "enter", "event", "yellow", "red", "template", "notify", "task",
        // shared notice templates of organization.yaml
        "warning", "verification-overdue", "one-time-notice", "acceptance-receipt",
    ];

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")]
    private static partial Regex AsciiWord();

    private static async Task ShouldReadInChineseAsync(ILocator pane, string what)
    {
        var text = await pane.InnerTextAsync();
        var words = AsciiWord().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        words.Intersect(Forbidden, StringComparer.Ordinal).ShouldBeEmpty($"{what} shows ids or DSL words:\n{text}");
    }

    [SkippableFact]
    public Task TheInspectorAndThePanels_ShowNoIdsNorDslWords_InChinese() => RunAsync(nameof(TheInspectorAndThePanels_ShowNoIdsNorDslWords_InChinese), async page =>
    {
        await OpenCopyAsync(page, "DN-SCAN");
        var inspector = page.Locator(".inspector-pane");
        // Department names come from the organization directory: scanned once they have loaded.
        await page.GetByTestId("department-field").Locator("option:checked").Filter(new LocatorFilterOptions { HasText = "市场监督管理局" }).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await ShouldReadInChineseAsync(inspector, "the item's form");
        foreach (var node in new[] { "received", "correcting", "issuing", "approval", "approval/market" })
        {
            await page.Locator($"[data-id='{node}']").First.ClickAsync(new LocatorClickOptions { Position = new() { X = 8, Y = 8 } });
            await page.GetByTestId("inspector").WaitForAsync();
            await ShouldReadInChineseAsync(inspector, $"the inspector of {node}");
        }

        await Axe.ShouldPassAsync(page, "the inspector of a branch", ".inspector-pane");
        await page.GetByTestId("tab-simulation").ClickAsync();
        await page.GetByTestId("simulate-run").ClickAsync();
        await page.GetByTestId("sim-step").First.WaitForAsync();
        await ShouldReadInChineseAsync(page.Locator(".editor-bottom"), "the simulation panel");
        await Axe.ShouldPassAsync(page, "the simulation panel", ".editor-bottom");
        await page.GetByTestId("tab-versions").ClickAsync();
        await ShouldReadInChineseAsync(page.Locator(".editor-bottom"), "the versions panel");
    });

}
