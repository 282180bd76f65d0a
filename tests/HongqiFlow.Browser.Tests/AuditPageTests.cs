using System.Text.Json;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>
/// The auditor's page (操作审计) in Chromium: with an auditor token it lists the operations others did — a refused
/// export by the window, a failed login — filters them, pages and exports CSV, and passes axe-core; for the system
/// administrator the link is absent and the page refuses.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class AuditPageTests(DesignerServer server)
{
    [SkippableFact]
    public async Task Auditor_SearchesFiltersAndExports_OtherRolesAreRefused()
    {
        if (server.Unavailable is { } reason)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("browser tests cannot run in CI: " + reason);
            }

            Skip.If(true, reason);
        }

        // What the auditor will find: the window refused an export, and someone without a token.
        using (var window = new HttpClient { BaseAddress = server.BaseUrl })
        {
            window.DefaultRequestHeaders.Authorization = new("Bearer", await server.TokenAsync("--role", "window", "--user", "chuang-kou-7"));
            (await window.PostAsync("api/definitions/export", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
            window.DefaultRequestHeaders.Authorization = null;
            (await window.GetAsync("api/worklist")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        }

        var admin = await server.NewPageAsync(await server.TokenAsync("--role", "admin"));
        var auditor = await server.NewPageAsync(await server.TokenAsync("--role", "auditor", "--user", "shen-ji"));
        try
        {
            // The system administrator: no link, and the page itself refuses.
            await admin.GotoAsync(new Uri(server.BaseUrl, "dashboard").ToString());
            await admin.Locator("nav[aria-label=main]").WaitForAsync();
            (await admin.Locator("nav[aria-label=main] a[href='/audit']").CountAsync()).ShouldBe(0);
            await admin.GotoAsync(new Uri(server.BaseUrl, "audit").ToString());
            (await admin.GetByTestId("audit-refused").InnerTextAsync()).ShouldBe("只有审计管理员可以查看操作审计。请使用审计管理员（auditor）令牌。");
            (await admin.GetByTestId("audit-table").CountAsync()).ShouldBe(0);

            // The auditor: the link, the entries newest first, and axe-core.
            await auditor.GotoAsync(new Uri(server.BaseUrl, "dashboard").ToString());
            await auditor.Locator("nav[aria-label=main] a[href='/audit']").ClickAsync();
            await auditor.GetByTestId("audit-row").First.WaitForAsync();
            await Axe.ShouldPassAsync(auditor, "the audit page");

            await auditor.GetByTestId("audit-actor").FillAsync("chuang-kou-7");
            await Expect(auditor, "[data-testid=audit-row]", 1);
            var row = auditor.GetByTestId("audit-row").First;
            (await row.GetAttributeAsync("data-result")).ShouldBe("denied");
            (await row.InnerTextAsync()).ShouldContain("拒绝访问");
            (await row.InnerTextAsync()).ShouldContain("/api/definitions/export");

            await auditor.GetByTestId("audit-actor").FillAsync("");
            await auditor.GetByTestId("audit-result").SelectOptionAsync("unauthenticated");
            await auditor.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=audit-row]')].length > 0 && [...document.querySelectorAll('[data-testid=audit-row]')].every(r => r.dataset.result === 'unauthenticated')");
            (await auditor.GetByTestId("audit-row").First.InnerTextAsync()).ShouldContain("认证失败");

            // CSV of what the filter shows; the export is itself recorded.
            var download = await auditor.RunAndWaitForDownloadAsync(() => auditor.GetByTestId("audit-export").ClickAsync());
            download.SuggestedFilename.ShouldEndWith(".csv");
            var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
            csv.TrimStart('\ufeff').Split('\n')[0].ShouldBe("sequence,at,actor,roles,address,operation,target,result,detail,hash");
            csv.ShouldContain(",authentication,/api/worklist,unauthenticated,");
            csv.ShouldNotContain(",denied,");
            await auditor.GetByTestId("audit-result").SelectOptionAsync("");
            await auditor.GetByTestId("audit-operation").SelectOptionAsync("audit-export");
            await Expect(auditor, "[data-testid=audit-row]", 1);
            (await auditor.GetByTestId("audit-row-actor").First.InnerTextAsync()).ShouldBe("shen-ji");
            await Axe.ShouldPassAsync(auditor, "the audit page");
        }
        finally
        {
            await admin.Context.CloseAsync();
            await auditor.Context.CloseAsync();
        }
    }

    private static async Task Expect(IPage page, string selector, int count) =>
        await page.WaitForFunctionAsync("([s, n]) => document.querySelectorAll(s).length === n", new object[] { selector, count });

}
