using System.Text.Json;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>
/// The designer never changes a process by accident: a drop only places a state, changing where a state lives is an explicit,
/// confirmed and undoable command; undo in an inspector field is the editor's one history; the graph works from the keyboard.
/// Each test edits a copy of 企业开办 of its own.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerSafetyTests(DesignerServer server) : DesignerPage(server)
{
    private async Task<IPage> OpenCopyAsync(IPage page, string code)
    {
        await Server.CopyDefinitionAsync("QYKB-0001", code);
        return await OpenAsync(page, code);
    }

    private static ILocator Node(IPage page, string id) => page.Locator($".react-flow__node[data-id=\"{id}\"]");

    private static Task<string?> FocusedNodeAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => document.activeElement?.classList.contains('react-flow__node') ? document.activeElement.dataset.id : null");

    private static Task<int> ErrorCountAsync(IPage page) => page.Locator("[data-testid=problem-row].sev-error").CountAsync();

    [SkippableFact]
    public Task DragOverALane_ChangesOnlyTheLayout_TheExplicitMoveSaysWhatChangesAndUndoesInOneStep() => RunAsync(nameof(DragOverALane_ChangesOnlyTheLayout_TheExplicitMoveSaysWhatChangesAndUndoesInOneStep), async page =>
    {
        await OpenCopyAsync(page, "DS-MOVE");
        await page.GetByTestId("add-state").ClickAsync();
        await Node(page, "state").WaitForAsync();
        // A final state (so it needs no way out): only its being unreachable is reported, a warning.
        await page.GetByTestId("inspector").GetByLabel("终态").CheckAsync();
        await page.GetByTestId("inspector").GetByLabel("结果", new LocatorGetByLabelOptions { Exact = true }).SelectOptionAsync("approved");
        await WaitForYamlAsync(page, "state: { title: 新状态, final: true, outcome: approved }");
        await page.GetByTestId("tab-problems").Filter(new LocatorFilterOptions { HasText = "问题 (1)" }).WaitForAsync();
        (await ErrorCountAsync(page)).ShouldBe(0);
        var before = await YamlAsync(page);

        // Drag the new main-flow state onto the lane of 营业执照: it lands there, but only its position changes.
        var box = (await Node(page, "state").BoundingBoxAsync())!;
        var lane = (await Node(page, "approval/market").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 15; i++)
        {
            await page.Mouse.MoveAsync(
                box.X + (box.Width / 2) + ((lane.X + (lane.Width / 2) - box.X - (box.Width / 2)) * i / 15),
                box.Y + (box.Height / 2) + ((lane.Y + (lane.Height / 2) - box.Y - (box.Height / 2)) * i / 15));
        }

        await page.Mouse.UpAsync();
        var hint = page.GetByTestId("drop-hint");
        await hint.WaitForAsync();
        (await hint.InnerTextAsync()).ShouldContain("只改变了“新状态”的位置，流程没有改变");
        var moved = (await Node(page, "state").BoundingBoxAsync())!;
        Math.Abs(moved.X - box.X).ShouldBeGreaterThan(50, "the state was placed where it was dropped");
        (await YamlAsync(page)).ShouldBe(before, "a drop never changes the process");
        (await Node(page, "approval/market/state").CountAsync()).ShouldBe(0);

        // The explicit move asks, saying exactly what changes: the shared fragment and every branch sharing it.
        await page.GetByTestId("drop-hint-move").ClickAsync();
        var dialog = page.GetByTestId("confirm-dialog");
        await dialog.WaitForAsync();
        (await page.GetByTestId("move-target").InputValueAsync()).ShouldBe("approval/market");
        var lines = await page.GetByTestId("confirm-lines").InnerTextAsync();
        lines.ShouldContain("状态“新状态”将从主流程移入并联审批 › 营业执照。");
        lines.ShouldContain("使用共享片段“review”");
        lines.ShouldContain("全部 4 条分支");
        foreach (var title in new[] { "营业执照", "发票与税控", "社保登记", "公章刻制备案" })
        {
            lines.ShouldContain(title);
        }

        lines.ShouldContain("不会产生失效的流转");
        await Axe.ShouldPassAsync(page, "the move dialog");
        await SaveImageAsync(page, "designer-move.png");

        // Cancelling leaves everything as it was.
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await dialog.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        (await YamlAsync(page)).ShouldBe(before);

        // The same command from the toolbar, confirmed: the state is in the fragment, so in all four lanes, and no new error.
        await Node(page, "state").ClickAsync();
        await page.GetByTestId("move-state").ClickAsync();
        await page.GetByTestId("move-target").SelectOptionAsync("approval/market");
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Node(page, "approval/tax/state").WaitForAsync();
        await Node(page, "approval/market/state").WaitForAsync();
        (await Node(page, "state").CountAsync()).ShouldBe(0);
        var after = await YamlAsync(page);
        after.ShouldNotBe(before);
        var fragments = after[after.IndexOf("\nfragments:", StringComparison.Ordinal)..];
        fragments.ShouldContain("state: { title: 新状态, final: true, outcome: approved }");
        (await ErrorCountAsync(page)).ShouldBe(0, "the move adds no error");

        // One undo takes the move back.
        await page.Keyboard.PressAsync("Control+z");
        await Node(page, "state").WaitForAsync();
        (await YamlAsync(page)).ShouldBe(before);
    });

    [SkippableFact]
    public Task UndoInInspectorFields_IsTheEditorsUndo_InEveryKindOfField() => RunAsync(nameof(UndoInInspectorFields_IsTheEditorsUndo_InEveryKindOfField), async page =>
    {
        await OpenCopyAsync(page, "DS-UNDO");
        var original = await YamlAsync(page);
        await Node(page, "issuing").ClickAsync();
        var title = page.GetByTestId("inspector-title");
        (await title.InputValueAsync()).ShouldBe("出证");

        // Type 审核 into the title, Tab, Ctrl+Z: the old title exactly, never a half-undone 出证审.
        await title.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.InsertTextAsync("审");
        await page.Keyboard.InsertTextAsync("核");
        await page.Keyboard.PressAsync("Tab");
        await WaitForYamlAsync(page, "title: 出证审核");
        await page.Keyboard.PressAsync("Control+z");
        (await YamlAsync(page)).ShouldBe(original);
        (await title.InputValueAsync()).ShouldBe("出证");
        await page.Keyboard.PressAsync("Control+Shift+z");
        await WaitForYamlAsync(page, "title: 出证审核");
        (await title.InputValueAsync()).ShouldBe("出证审核");
        await page.Keyboard.PressAsync("Control+z");
        (await YamlAsync(page)).ShouldBe(original);

        // Text typed and not yet committed is committed, then undone: the field shows the document again; Ctrl+Y redoes it.
        await title.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.InsertTextAsync("审");
        await page.Keyboard.PressAsync("Control+z");
        (await YamlAsync(page)).ShouldBe(original);
        (await title.InputValueAsync()).ShouldBe("出证");
        await page.Keyboard.PressAsync("Control+y");
        await WaitForYamlAsync(page, "title: 出证审");
        await page.Keyboard.PressAsync("Control+z");
        (await YamlAsync(page)).ShouldBe(original);

        // A duration field.
        await page.GetByTestId("inspector-limit-unit").SelectOptionAsync(new SelectOptionValue { Label = "工作小时" });
        var limit = page.GetByTestId("inspector-limit-amount");
        await limit.FillAsync("2");
        await page.Keyboard.PressAsync("Tab");
        await WaitForYamlAsync(page, "limit: 2wh");
        await limit.FocusAsync();
        await page.Keyboard.PressAsync("Control+z");
        (await YamlAsync(page)).ShouldBe(original);
        (await limit.InputValueAsync()).ShouldBe(string.Empty);

        // A select commits on change; Ctrl+Z on it undoes that.
        var clock = page.GetByTestId("inspector").GetByLabel("计时", new LocatorGetByLabelOptions { Exact = true });
        await clock.SelectOptionAsync("stopped");
        await WaitForYamlAsync(page, "clock: stopped");
        await clock.PressAsync("Control+z");
        (await YamlAsync(page)).ShouldBe(original);
        (await clock.InputValueAsync()).ShouldBe(string.Empty);

        // A number field of the item (最多缺 1 件).
        await page.Locator(".react-flow__pane").ClickAsync(new LocatorClickOptions { Position = new Position { X = 8, Y = 8 } });
        var maxMissing = page.GetByTestId("inspector").GetByLabel("最多缺", new LocatorGetByLabelOptions { Exact = true });
        (await maxMissing.InputValueAsync()).ShouldBe("1");
        await maxMissing.FillAsync("2");
        await page.Keyboard.PressAsync("Tab");
        await WaitForYamlAsync(page, "maxMissing: 2");
        await page.Keyboard.PressAsync("Control+z");
        (await YamlAsync(page)).ShouldBe(original);
        (await maxMissing.InputValueAsync()).ShouldBe("1");
    });

    [SkippableFact]
    public Task Keyboard_TabIntoTheGraph_ArrowsFollowTransitions_EnterF2EscapeAndDelete() => RunAsync(nameof(Keyboard_TabIntoTheGraph_ArrowsFollowTransitions_EnterF2EscapeAndDelete), async page =>
    {
        await OpenCopyAsync(page, "DS-KEYS");
        var original = await YamlAsync(page);

        // From the toolbar's last button: the view switch (one tab stop, the chosen view), then the graph, on the
        // initial state; transitions are not tab stops.
        await page.GetByTestId("save-draft").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string?>("() => document.activeElement?.dataset.testid")).ShouldBe("view-graph");
        await page.Keyboard.PressAsync("Tab");
        (await FocusedNodeAsync(page)).ShouldBe("received");
        (await page.Locator(".react-flow__node[tabindex='0']").CountAsync()).ShouldBe(1);
        (await page.Locator(".react-flow__edge[tabindex]").CountAsync()).ShouldBe(0);
        await ShouldShowFocusRingAsync(page);
        await Axe.ShouldPassAsync(page, "the editor with a focused state");

        // Arrows follow transitions: → 并联审批, ↓ the next place 收件 leads to (补正材料), ↑ back, → 出证.
        await page.Keyboard.PressAsync("ArrowRight");
        (await FocusedNodeAsync(page)).ShouldBe("approval");
        await page.Keyboard.PressAsync("ArrowDown");
        (await FocusedNodeAsync(page)).ShouldBe("correcting");
        await page.Keyboard.PressAsync("ArrowUp");
        (await FocusedNodeAsync(page)).ShouldBe("approval");
        await page.Keyboard.PressAsync("ArrowRight");
        (await FocusedNodeAsync(page)).ShouldBe("issuing");
        await ShouldShowFocusRingAsync(page);

        // Enter selects it into the inspector; F2 puts the cursor in its title; Escape comes back to it on the graph.
        await page.Keyboard.PressAsync("Enter");
        var heading = await page.GetByTestId("inspector").Locator("h2").InnerTextAsync();
        heading.ShouldContain("出证");
        heading.ShouldNotContain("issuing", Case.Sensitive, "the inspector names the state by its title, never its id");
        await page.Keyboard.PressAsync("F2");
        await page.WaitForFunctionAsync("() => document.activeElement?.dataset.testid === 'inspector-title'");
        await ShouldShowFocusRingAsync(page);
        await page.Keyboard.InsertTextAsync("窗口");
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForFunctionAsync("() => document.activeElement?.dataset?.id === 'issuing'");
        (await YamlAsync(page)).ShouldBe(original, "Escape drops what was typed");

        // The context menu from the keyboard names the commands.
        await page.Keyboard.PressAsync("Shift+F10");
        await page.GetByTestId("node-menu").WaitForAsync();
        await Axe.ShouldPassAsync(page, "the node's context menu");
        await SaveImageAsync(page, "designer-keyboard.png");
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("node-menu").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        (await FocusedNodeAsync(page)).ShouldBe("issuing");

        // Delete asks first, naming the transitions that go with the state; the buttons show the focus ring too.
        await page.Keyboard.PressAsync("Delete");
        await page.GetByTestId("confirm-dialog").WaitForAsync();
        var lines = await page.GetByTestId("confirm-lines").InnerTextAsync();
        lines.ShouldContain("将同时删除 2 条流转");
        lines.ShouldContain("出证 → 已办结（issue）");
        await ShouldShowFocusRingAsync(page);
        await Axe.ShouldPassAsync(page, "the delete confirmation");
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Node(page, "issuing").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        (await YamlAsync(page)).ShouldNotContain("  issuing:");

        // One undo brings it back.
        await page.Keyboard.PressAsync("Control+z");
        await Node(page, "issuing").WaitForAsync();
        (await YamlAsync(page)).ShouldBe(original);
    });

    /// <summary>The focused element draws a visible outline (:focus-visible), at least 2 px wide.</summary>
    private static async Task ShouldShowFocusRingAsync(IPage page)
    {
        var ring = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const el = document.activeElement;
              const s = getComputedStyle(el);
              return { visible: el.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth), what: el.outerHTML.slice(0, 80) };
            }
            """);
        var what = ring.GetProperty("what").GetString();
        ring.GetProperty("visible").GetBoolean().ShouldBeTrue($"{what} matches :focus-visible");
        ring.GetProperty("style").GetString().ShouldNotBe("none", $"{what} has an outline");
        ring.GetProperty("width").GetDouble().ShouldBeGreaterThanOrEqualTo(2, $"{what} outline width");
    }

}
