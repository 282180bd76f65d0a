using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>What the designer's browser tests share: skip or fail when the server or Chromium is missing, a screenshot on failure, the editor's YAML.</summary>
public abstract class DesignerPage(DesignerServer server)
{
    protected DesignerServer Server { get; } = server;

    protected static string Images => Path.Combine(DesignerServer.RepositoryRoot, "docs", "images");

    protected Task RunAsync(string name, Func<IPage, Task> body) => RunAsync(name, () => Server.NewPageAsync(), body);

    /// <summary>Runs <paramref name="body"/> on the page <paramref name="open"/> makes, with a full-page screenshot when it fails.</summary>
    protected async Task RunAsync(string name, Func<Task<IPage>> open, Func<IPage, Task> body)
    {
        if (Server.Unavailable is { } reason)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("browser tests cannot run in CI: " + reason);
            }

            Skip.If(true, reason);
        }

        var page = await open();
        try
        {
            await body(page);
        }
        catch
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// The editor of <paramref name="code"/>, once its lanes are drawn, showing the whole graph (适应视图): the editor opens
    /// at a readable zoom on the start of the flow, and these tests reach states anywhere in it.
    /// </summary>
    protected async Task<IPage> OpenAsync(IPage page, string code)
    {
        await page.GotoAsync(new Uri(Server.BaseUrl, $"designer/{code}").ToString());
        await page.Locator("[data-testid=lane]").First.WaitForAsync();
        await FitAsync(page);
        return page;
    }

    /// <summary>适应视图: the whole graph on screen.</summary>
    protected static async Task FitAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "适应视图", Exact = true }).ClickAsync();
        await page.WaitForTimeoutAsync(100);
    }

    /// <summary>The whole text of the YAML view (CodeMirror draws only the lines near the viewport, so the DOM holds a part).</summary>
    protected static Task<string> YamlAsync(IPage page) => page.GetByTestId("yaml-editor").EvaluateAsync<string>("el => el.yamlText()");

    /// <summary>Waits until the YAML view's text contains <paramref name="text"/>.</summary>
    protected static Task WaitForYamlAsync(IPage page, string text) =>
        page.WaitForFunctionAsync("t => document.querySelector('[data-testid=yaml-editor]')?.yamlText?.().includes(t)", text);

    protected static async Task SaveImageAsync(IPage page, string file)
    {
        Directory.CreateDirectory(Images);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Images, file) });
    }
}
