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
        await SaveImageAsync(page, "designer-catalog.png");
    });
}
