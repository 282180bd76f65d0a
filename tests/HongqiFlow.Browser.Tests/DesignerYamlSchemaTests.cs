using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>The YAML editor completes keys and describes them from the checked-in JSON Schema, as VS Code does.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerYamlSchemaTests(DesignerServer server) : DesignerPage(server)
{
    [SkippableFact]
    public Task Yaml_TypingATopLevelKey_OffersTheSchemaKeysWithTheirChineseDescription() => RunAsync(nameof(Yaml_TypingATopLevelKey_OffersTheSchemaKeysWithTheirChineseDescription), async page =>
    {
        await Server.CopyDefinitionAsync("QYKB-0001", "DT-YAML-COMPLETE");
        await OpenAsync(page, "DT-YAML-COMPLETE");
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.PressAsync("Control+Home");
        await page.Keyboard.TypeAsync("ra");
        var list = page.Locator(".cm-tooltip-autocomplete");
        await list.WaitForAsync();
        (await list.InnerTextAsync()).ShouldContain("rating");
        (await page.Locator(".cm-completionInfo").InnerTextAsync()).ShouldContain("好差评");
        await page.Keyboard.PressAsync("Escape");
    });

    [SkippableFact]
    public Task Yaml_HoveringAKey_ShowsItsDescriptionFromTheSchema() => RunAsync(nameof(Yaml_HoveringAKey_ShowsItsDescriptionFromTheSchema), async page =>
    {
        await OpenAsync(page, "QYKB-0001");
        var line = page.Locator(".cm-line").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^item:") }).First;
        await line.HoverAsync(new LocatorHoverOptions { Position = new Position { X = 8, Y = 6 } });
        var hover = page.GetByTestId("schema-hover");
        await hover.WaitForAsync();
        (await hover.InnerTextAsync()).ShouldContain("事项基本信息");
    });
}
