using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>The catalog on a server of its own (a fresh data folder), so the copies other tests create never show in its search.</summary>
public sealed class DesignerCatalogTests(DesignerServer server) : DesignerPage(server), IClassFixture<DesignerServer>
{
    [SkippableFact]
    public Task Catalog_SearchByPinyinInitials_FindsEnterpriseEstablishment() => RunAsync(nameof(Catalog_SearchByPinyinInitials_FindsEnterpriseEstablishment), async page =>
    {
        await page.GotoAsync(new Uri(Server.BaseUrl, "designer").ToString());
        await page.GetByTestId("catalog-search").FillAsync("qykb");
        var rows = page.Locator("[data-testid=catalog] tbody tr");
        await rows.First.GetByText("企业开办").WaitForAsync();
        (await rows.CountAsync()).ShouldBe(1);
        // The department's name once the organization has loaded (its id until then).
        await rows.First.GetByTestId("catalog-lead-name").Filter(new LocatorFilterOptions { HasText = "市场监督管理局" }).WaitForAsync();
        await SaveImageAsync(page, "designer-catalog.png");

        // By the lead department: its name in the search, or the department list.
        await page.GetByTestId("catalog-search").FillAsync("医疗保障");
        await rows.First.GetByText("医保关系转移接续").WaitForAsync();
        (await rows.AllInnerTextsAsync()).ShouldAllBe(r => r.Contains("医疗保障局"));
        await page.GetByTestId("catalog-search").FillAsync(string.Empty);
        await page.GetByTestId("catalog-lead").SelectOptionAsync("hr-social-security");
        var social = await rows.AllInnerTextsAsync();
        social.ShouldNotBeEmpty();
        social.ShouldAllBe(r => r.Contains("人力资源和社会保障局"));
        social.ShouldContain(r => r.Contains("即办件"), "employee social insurance registration is an instant item");
    });
}
