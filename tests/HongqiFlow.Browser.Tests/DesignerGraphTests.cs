using System.Text.Json;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>
/// The graph as its readers meet it at 1440×900: readable at the opening zoom, handles big enough to hit, a drop on a
/// node connects, the minimap out of the way, selection not in the error's red, edges and badges in words, axe clean.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerGraphTests(DesignerServer server) : DesignerPage(server)
{
    private const string Code = "QYKB-0001";

    private async Task<IPage> OpenAt1440Async(string code)
    {
        var page = await Server.NewPageAsync(Server.Token, 1440, 900);
        await page.GotoAsync(new Uri(Server.BaseUrl, $"designer/{code}").ToString());
        await page.Locator("[data-id=received] [data-testid=state-node]").WaitForAsync();
        return page;
    }

    private Task RunAt1440Async(string name, string code, Func<IPage, Task> body) => RunAsync(name, () => OpenAt1440Async(code), body);

    [SkippableFact]
    public Task Opening_At1440x900_NodeTextAtLeast12px_HandlesAtLeast12px_MinimapOffTheGraph() => RunAt1440Async(nameof(Opening_At1440x900_NodeTextAtLeast12px_HandlesAtLeast12px_MinimapOffTheGraph), Code, async page =>
    {
        // Every piece of text on a node that is on screen, as rendered: its font size times the canvas zoom.
        var sizes = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const pane = document.querySelector('.react-flow').getBoundingClientRect();
              const zoom = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a;
              const onScreen = r => r.width > 0 && r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom;
              const texts = [];
              for (const node of document.querySelectorAll('.react-flow__node')) {
                const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
                for (let t = walker.nextNode(); t; t = walker.nextNode()) {
                  if (!t.textContent.trim()) continue;
                  const el = t.parentElement;
                  if (!onScreen(el.getBoundingClientRect())) continue;
                  texts.push({ text: t.textContent.trim(), px: parseFloat(getComputedStyle(el).fontSize) * zoom });
                }
              }
              const handles = [...document.querySelectorAll('.react-flow__node .react-flow__handle')]
                .map(h => h.getBoundingClientRect()).filter(onScreen).map(r => Math.min(r.width, r.height));
              return { zoom, texts, handles };
            }
            """);
        var texts = sizes.GetProperty("texts").EnumerateArray().ToList();
        texts.Count.ShouldBeGreaterThan(5, "the opening view shows the start of the flow");
        var smallest = texts.MinBy(t => t.GetProperty("px").GetDouble());
        smallest.GetProperty("px").GetDouble().ShouldBeGreaterThanOrEqualTo(12, $"“{smallest.GetProperty("text").GetString()}” at zoom {sizes.GetProperty("zoom").GetDouble():F2}");
        var handles = sizes.GetProperty("handles").EnumerateArray().Select(h => h.GetDouble()).ToList();
        handles.ShouldNotBeEmpty();
        handles.Min().ShouldBeGreaterThanOrEqualTo(12, "a handle is big enough to hit at the opening zoom");

        // The minimap is asked for, so at opening it covers nothing; the control shows and hides it.
        (await page.Locator(".react-flow__minimap").CountAsync()).ShouldBe(0);
        var toggle = page.GetByTestId("minimap-toggle");
        (await toggle.GetAttributeAsync("aria-label")).ShouldBe("显示小地图");
        await toggle.ClickAsync();
        await page.Locator(".react-flow__minimap").WaitForAsync();
        await toggle.ClickAsync();
        await page.Locator(".react-flow__minimap").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await SaveImageAsync(page, "designer-graph-1440.png");
    });

    [SkippableFact]
    public Task Selection_HasItsOwnColour_NotTheErrorRed_AndAxeFindsNothing() => RunAt1440Async(nameof(Selection_HasItsOwnColour_NotTheErrorRed_AndAxeFindsNothing), Code, async page =>
    {
        await page.Locator("[data-id=received]").ClickAsync();
        var selected = page.Locator(".react-flow__node.selected .state-node");
        await selected.WaitForAsync();
        var colours = await selected.EvaluateAsync<JsonElement>(
            """
            el => {
              const parse = c => { const m = c.match(/[\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2] }; };
              const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
              const probe = document.createElement('div');
              probe.className = 'has-error';
              document.body.appendChild(probe);
              const error = getComputedStyle(probe).borderColor;
              probe.remove();
              const outline = getComputedStyle(el).outlineColor;
              const pane = parse(getComputedStyle(document.querySelector('.react-flow')).backgroundColor.replace(/rgba\((.*),\s*0\)/, 'rgb(255,255,255)'));
              const [a, b] = [lum(parse(outline)), lum(pane)].sort((x, y) => y - x);
              return { outline, error, width: parseFloat(getComputedStyle(el).outlineWidth), contrast: (a + 0.05) / (b + 0.05) };
            }
            """);
        var outline = colours.GetProperty("outline").GetString();
        outline.ShouldNotBe(colours.GetProperty("error").GetString(), "selection is not drawn in the error's colour");
        outline.ShouldNotBe("rgb(200, 16, 46)", "nor in the brand red");
        colours.GetProperty("width").GetDouble().ShouldBeGreaterThanOrEqualTo(2);
        colours.GetProperty("contrast").GetDouble().ShouldBeGreaterThanOrEqualTo(3, "the selection outline stands out from the canvas (WCAG 1.4.11)");
        await Axe.ShouldPassAsync(page, "the designer at 1440×900 with a state selected");
    });

    [SkippableFact]
    public Task EdgesAndBadges_ReadInChinese_TheExpressionOnlyInTheTooltip() => RunAt1440Async(nameof(EdgesAndBadges_ReadInChinese_TheExpressionOnlyInTheTooltip), Code, async page =>
    {
        var labels = await page.GetByTestId("edge-label").AllInnerTextsAsync();
        labels.ShouldNotBeEmpty();
        foreach (var label in labels)
        {
            label.ShouldNotContain("accept");
            label.ShouldNotContain("window");
            label.ShouldNotContain("[");
            label.ShouldNotContain("===");
        }

        labels.ShouldContain("受理 · 窗口 · 材料齐全");
        labels.ShouldContain("出证 · 窗口 · 容缺材料已补齐");
        var accept = page.GetByTestId("edge-label").Filter(new LocatorFilterOptions { HasText = "受理 · 窗口 · 材料齐全" });
        (await accept.GetAttributeAsync("title")).ShouldBe("accept · window · missing.length === 0");

        (await page.Locator("[data-id=received] [data-testid=badge]").AllInnerTextsAsync()).ShouldBe(["容缺", "告知承诺"]);
        (await page.Locator("[data-id=terminated] [data-testid=badge]").AllInnerTextsAsync()).ShouldBe(["容缺逾期终止"]);
        var tax = await page.Locator("[data-id='approval/tax'] [data-testid=badge]").AllInnerTextsAsync();
        tax.ShouldContain("超时默认同意");
        tax.ShouldContain(b => b.Contains("3个工作小时"));
        tax.ShouldNotContain("tax");
        foreach (var badge in await page.GetByTestId("badge").AllInnerTextsAsync())
        {
            badge.ShouldNotMatch("tolerance|commitment|onBreach|onTimeout|approve|not-started|[⏱⌛⏸]");
        }

        // A state, a parallel state and a lane say their titles, never their ids (those are under 高级 in the inspector).
        (await page.Locator("[data-id=received] [data-testid=state-node]").InnerTextAsync()).ShouldNotContain("received");
        (await page.Locator("[data-id=approval] [data-testid=parallel-node]").InnerTextAsync()).ShouldNotContain("approval");
        (await page.Locator("[data-id='approval/tax'] [data-testid=lane]").InnerTextAsync()).ShouldNotContain("tax");
        (await page.Locator("[data-id=received]").GetAttributeAsync("aria-label")).ShouldBe("收件");
    });

    [SkippableFact]
    public Task DropOnTheNodeBody_Connects_AndTheInspectorOpensOnTheNewTransition() => RunAsync(nameof(DropOnTheNodeBody_Connects_AndTheInspectorOpensOnTheNewTransition), async page =>
    {
        await Server.CopyDefinitionAsync(Code, "DG-CONNECT");
        await page.GotoAsync(new Uri(Server.BaseUrl, "designer/DG-CONNECT").ToString());
        var target = page.Locator("[data-id=correcting] [data-testid=state-node]");
        await target.WaitForAsync();
        await FitAsync(page);
        var handle = (await page.Locator("[data-id=received] .react-flow__handle.source").BoundingBoxAsync())!;
        var body = (await target.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(handle.X + (handle.Width / 2), handle.Y + (handle.Height / 2));
        await page.Mouse.DownAsync();
        // Dropped on the middle of the title, well away from the node's own handle.
        var (x, y) = (body.X + (body.Width * 0.6f), body.Y + 14);
        for (var i = 1; i <= 10; i++)
        {
            await page.Mouse.MoveAsync(handle.X + ((x - handle.X) * i / 10), handle.Y + ((y - handle.Y) * i / 10));
        }

        await page.Mouse.UpAsync();
        // Named after where it leads (补正材料（受理前）, in pinyin) until the author names it.
        await WaitForYamlAsync(page, "bu-zheng-cai-liao-shou-li-qian: correcting");
        // The new transition is open in the inspector, its event ready to be named; the banner says what to do.
        var form = page.GetByTestId("transition-form");
        await form.WaitForAsync();
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('[data-testid=transition-form]') && document.activeElement.value === 'bu-zheng-cai-liao-shou-li-qian'");
        (await page.GetByTestId("status").InnerTextAsync()).ShouldContain("为新流转的事件命名");
        await SaveImageAsync(page, "designer-connect.png");
    });
}
