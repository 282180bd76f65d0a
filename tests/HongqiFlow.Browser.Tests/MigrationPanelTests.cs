using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>
/// Moving running cases in the web app: a copy of 企业开办 with three running cases (accepted, received, correcting)
/// gets a second version (a shorter promise, 补正材料 renamed), published from the versions panel. The author plans
/// and is told who may execute; the administrator maps the renamed state by its title, selects every movable case,
/// executes after the confirmation and sees each result; the department's case view marks the case as migrated and its
/// history says so in words. axe-core checks the panel.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class MigrationPanelTests(DesignerServer server) : DesignerPage(server)
{
    private const string Code = "DT-MIGRATE";

    [SkippableFact]
    public Task PublishNewVersion_PlanMapSelectExecute_AndTheCaseViewMarksTheMigratedCase() => RunAsync(nameof(PublishNewVersion_PlanMapSelectExecute_AndTheCaseViewMarksTheMigratedCase), async page =>
    {
        await Server.CopyDefinitionAsync("QYKB-0001", Code);
        using var author = Server.Http();
        (await author.PostAsync($"api/definitions/{Code}/publish", null)).IsSuccessStatusCode.ShouldBeTrue();
        var accepted = await StartAsync(["application", "articles", "premises", "shareholder-resolution"], "accept");
        var received = await StartAsync(["application", "articles", "premises", "shareholder-resolution"], null);
        var correcting = await StartAsync(["application"], "notify-missing");

        // Version 2, saved as a draft: a shorter promise, and 补正材料 renamed (cases standing there need a mapping).
        var document = await author.GetFromJsonAsync<JsonElement>($"api/definitions/{Code}");
        var yaml = document.GetProperty("yaml").GetString()!
            .Replace("  version: 1", "  version: 2", StringComparison.Ordinal)
            .Replace("promised: 0.5wd", "promised: 0.25wd", StringComparison.Ordinal)
            .Replace("supplementWithin: 0.5wd", "supplementWithin: 0.25wd", StringComparison.Ordinal)
            .Replace("correcting", "supplementing", StringComparison.Ordinal)
            .Replace("title: 补正材料（受理前）", "title: 补充材料（受理前）", StringComparison.Ordinal);
        var saved = await author.PutAsJsonAsync($"api/definitions/{Code}/draft", new { yaml, baseRevision = document.GetProperty("revision").GetInt32() });
        saved.IsSuccessStatusCode.ShouldBeTrue(await saved.Content.ReadAsStringAsync());

        // The author publishes it in the versions panel, which offers to migrate the running cases of version 1 to 2.
        await OpenAsync(page, Code);
        await page.GetByTestId("tab-versions").ClickAsync();
        await page.GetByTestId("publish").ClickAsync();
        (await page.GetByTestId("versions-message").InnerTextAsync()).ShouldBe("已发布第 2 版");
        var panel = page.GetByTestId("migration");
        (await panel.GetByTestId("migration-from").InputValueAsync()).ShouldBe("1");
        (await panel.GetByTestId("migration-to").InputValueAsync()).ShouldBe("2");
        await panel.GetByTestId("migration-plan").ClickAsync();
        await panel.GetByTestId("migration-cases").WaitForAsync();
        (await panel.GetByTestId("migration-count-clean").InnerTextAsync()).ShouldBe("可直接迁移 1 件");
        (await panel.GetByTestId("migration-count-consequences").InnerTextAsync()).ShouldBe("迁移有后果 1 件");
        (await panel.GetByTestId("migration-count-cannot").InnerTextAsync()).ShouldBe("无法迁移 1 件");
        var blocked = panel.Locator($"tr[data-case='{correcting.Id}']");
        (await blocked.GetAttributeAsync("data-class")).ShouldBe("cannot-move");
        (await blocked.GetByTestId("migration-consequences").InnerTextAsync()).ShouldBe("主流程状态“补正材料（受理前）”在第 2 版中没有对应状态，也未声明映射。");
        (await blocked.Locator("input[type=checkbox]").IsDisabledAsync()).ShouldBeTrue();
        (await panel.Locator($"tr[data-case='{accepted.Id}'] [data-testid=migration-consequences]").InnerTextAsync()).ShouldContain("0.25 工作日");
        // An author may plan but not execute: the button says why it is disabled.
        await panel.GetByTestId("migration-select-all").CheckAsync();
        (await panel.GetByTestId("migration-execute").IsDisabledAsync()).ShouldBeTrue();
        (await panel.GetByTestId("migration-not-allowed").InnerTextAsync()).ShouldStartWith("只有系统管理员可以执行迁移");
        await Axe.ShouldPassAsync(page, "the migration plan (author)", "[data-testid=migration]");

        // The administrator maps 补正材料 onto 补充材料 by its title, plans again, selects every movable case and executes.
        var admin = await Server.NewPageAsync(await Server.TokenAsync("--role", "admin", "--user", "admin-1"));
        try
        {
            await OpenAsync(admin, Code);
            await admin.GetByTestId("tab-versions").ClickAsync();
            var adminPanel = admin.GetByTestId("migration");
            await adminPanel.GetByTestId("migration-to").SelectOptionAsync("2");
            await adminPanel.GetByTestId("migration-from").SelectOptionAsync("1");
            var mapping = adminPanel.Locator("select[data-mapping='correcting']");
            await mapping.WaitForAsync();
            await mapping.SelectOptionAsync(new SelectOptionValue { Label = "补充材料（受理前）" });
            await adminPanel.GetByTestId("migration-plan").ClickAsync();
            await adminPanel.GetByTestId("migration-count-cannot").Filter(new LocatorFilterOptions { HasText = "无法迁移 0 件" }).WaitForAsync();
            (await adminPanel.Locator($"tr[data-case='{correcting.Id}'] [data-testid=migration-consequences]").InnerTextAsync()).ShouldContain("补充材料（受理前）");
            await adminPanel.GetByTestId("migration-select-all").CheckAsync();
            (await adminPanel.GetByTestId("migration-execute").InnerTextAsync()).ShouldBe("执行迁移（3 件）");
            await adminPanel.GetByTestId("migration-execute").ClickAsync();
            (await adminPanel.GetByTestId("migration-confirm").InnerTextAsync()).ShouldContain("确认把选中的 3 件办件从第 1 版迁移到第 2 版？");
            await Axe.ShouldPassAsync(admin, "the migration plan with its confirmation (administrator)", "[data-testid=migration]");
            // While a plan is shown the versions pane takes most of the window (docs/images/designer-migration.png).
            await adminPanel.GetByTestId("migration-plan-result").ScrollIntoViewIfNeededAsync();
            await SaveImageAsync(admin, "designer-migration.png");
            await adminPanel.GetByTestId("migration-confirm-yes").ClickAsync();
            var run = adminPanel.GetByTestId("migration-run");
            await run.WaitForAsync();
            (await run.Locator("strong").InnerTextAsync()).ShouldBe("迁移结果：迁移 3 件，拒绝 0 件");
            (await run.Locator("li[data-result=migrated]").CountAsync()).ShouldBe(3);
            (await run.InnerTextAsync()).ShouldContain(received.Receipt);
            // The moved cases run on version 2 now: the refreshed plan has none left.
            await adminPanel.GetByText("第 1 版没有在办件。").WaitForAsync();
        }
        finally
        {
            await admin.Context.CloseAsync();
        }

        // The department opens the accepted case: marked as migrated, and the history says who moved it, from which version to which.
        var desk = await Server.NewPageAsync(await Server.TokenAsync("--role", "department", "--department", "market-regulation"));
        try
        {
            await desk.GotoAsync(new Uri(Server.BaseUrl, "worklist").ToString());
            var row = desk.Locator($"[data-testid=tasks] tr[data-receipt='{accepted.Receipt}']");
            await row.ClickAsync();
            var pane = desk.GetByTestId("task-pane");
            (await pane.GetByTestId("case-migrated").InnerTextAsync()).ShouldBe("已迁移 v1→v2");
            var entry = pane.Locator("[data-testid=case-history] tr:has(td[data-type='case-migrated'])");
            (await entry.InnerTextAsync()).ShouldContain("迁移到新版本");
            // The executor by role and name, never by a raw user id (the administrator has no name in the organization).
            (await entry.InnerTextAsync()).ShouldContain("监督");
            (await entry.InnerTextAsync()).ShouldNotContain("admin-1");
            (await entry.GetByTestId("history-detail").InnerTextAsync()).ShouldBe("第 1 版 → 第 2 版");
        }
        finally
        {
            await desk.Context.CloseAsync();
        }
    });

    private async Task<(string Id, string Receipt)> StartAsync(string[] submitted, string? then)
    {
        using var window = new HttpClient { BaseAddress = Server.BaseUrl };
        window.DefaultRequestHeaders.Authorization = new("Bearer", await Server.TokenAsync("--role", "window"));
        var started = await window.PostAsJsonAsync("api/cases", new { item = Code, applicant = new { name = "某科技有限公司", phone = "13812345678" }, submitted, channel = "window" });
        started.IsSuccessStatusCode.ShouldBeTrue(await started.Content.ReadAsStringAsync());
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("caseId").GetString()!;
        if (then is not null)
        {
            var sent = await window.PostAsJsonAsync($"api/cases/{id}/events", new { @event = then });
            sent.IsSuccessStatusCode.ShouldBeTrue(await sent.Content.ReadAsStringAsync());
        }

        return (id, body.GetProperty("receipt").GetString()!);
    }

}
