using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>
/// The API reference (/api-docs, Scalar) renders the server's operations with every request kept on the server:
/// a request to any other host is refused and recorded, as it would fail where the server has no internet.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class ApiReferenceTests(DesignerServer server) : DesignerPage(server)
{
    [SkippableFact]
    public Task ApiDocs_RendersTheOperations_WithoutLeavingTheServer() => RunAsync(nameof(ApiDocs_RendersTheOperations_WithoutLeavingTheServer), async page =>
    {
        var outside = new List<string>();
        await page.RouteAsync(url => new Uri(url).Authority != Server.BaseUrl.Authority, async route =>
        {
            lock (outside)
            {
                outside.Add(route.Request.Url);
            }

            await route.AbortAsync();
        });

        await page.GotoAsync(new Uri(Server.BaseUrl, "api-docs").ToString());
        new Uri(page.Url).AbsolutePath.ShouldBe("/api-docs/");
        await page.GetByText("HongqiFlow API").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.GetByText("due-date preview", new PageGetByTextOptions { Exact = false }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        outside.ShouldBeEmpty();
    });
}
