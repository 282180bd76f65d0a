using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace HongqiFlow.Browser.Tests;

/// <summary>
/// The designer against a real server in Debian's Chromium; each test saves a screenshot when it fails. Tests that change a
/// definition work on a copy of 企业开办 under a code of their own, so they pass alone and together, in any order.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerTests(DesignerServer server) : DesignerPage(server)
{
    private const string Code = "QYKB-0001";

    /// <summary>Opens a fresh copy of 企业开办 named <paramref name="code"/>.</summary>
    private async Task<IPage> OpenCopyAsync(IPage page, string code)
    {
        await Server.CopyDefinitionAsync(Code, code);
        return await OpenAsync(page, code);
    }

    [SkippableFact]
    public Task Open_EnterpriseEstablishment_ShowsStatesFourLanesAndTheJoin() => RunAsync(nameof(Open_EnterpriseEstablishment_ShowsStatesFourLanesAndTheJoin), async page =>
    {
        await OpenAsync(page, Code);
        (await page.Locator("[data-testid=lane]").CountAsync()).ShouldBe(4);
        (await page.Locator("[data-testid=parallel-node]").CountAsync()).ShouldBe(1);
        (await page.Locator("[data-testid=state-node]").CountAsync()).ShouldBe(21);
        (await page.GetByTestId("join-policy").InnerTextAsync()).ShouldBe("join: all · onReject: rejected");
        await SaveImageAsync(page, "designer-graph.png");
    });

    [SkippableFact]
    public Task AddStateAndTransition_ChangesTheYamlWithCommentsIntact() => RunAsync(nameof(AddStateAndTransition_ChangesTheYamlWithCommentsIntact), async page =>
    {
        await OpenCopyAsync(page, "DT-EDIT");
        await page.GetByTestId("add-state").ClickAsync();
        await page.Locator("[data-id=state]").WaitForAsync();
        // It goes where the author looks, but beside the states already there rather than on top of them.
        var added = (await page.Locator("[data-id=state]").BoundingBoxAsync())!;
        var parallel = (await page.GetByTestId("parallel-node").BoundingBoxAsync())!;
        (added.X + added.Width <= parallel.X || parallel.X + parallel.Width <= added.X || added.Y + added.Height <= parallel.Y || parallel.Y + parallel.Height <= added.Y)
            .ShouldBeTrue($"the new state ({added.X},{added.Y}) lies outside the parallel state ({parallel.X},{parallel.Y} {parallel.Width}×{parallel.Height})");
        // The transition is named in Chinese (its id is the pinyin) and its target chosen by title.
        var add = page.GetByTestId("add-transition");
        await add.GetByTestId("add-transition-title").FillAsync("归档");
        await add.GetByTestId("add-transition-target").SelectOptionAsync(new SelectOptionValue { Label = "已办结" });
        await add.GetByRole(AriaRole.Button, new() { Name = "添加流转" }).ClickAsync();
        await WaitForYamlAsync(page, "state: { title: 新状态, on: { gui-dang: { to: issued, title: 归档 } } }");
        var yaml = await YamlAsync(page);
        yaml.ShouldContain("# 超时默认同意");
        yaml.ShouldContain("clock: not-started        # 受理前补正不计时");
        // The new state leads on to 已办结, so only its being unreachable is left to say (a warning).
        await page.GetByTestId("tab-problems").Filter(new LocatorFilterOptions { HasText = "问题 (1)" }).WaitForAsync();
        (await page.Locator(".problems tbody tr").AllInnerTextsAsync()).ShouldHaveSingleItem().ShouldContain("HQ2002");
        await SaveImageAsync(page, "designer-edit.png");
    });

    [SkippableFact]
    public Task BreakATarget_ShowsTheMarker_FixRemovesIt() => RunAsync(nameof(BreakATarget_ShowsTheMarker_FixRemovesIt), async page =>
    {
        // The inspector offers only existing states, so the target is broken in the YAML (as a hand edit would) and fixed by title.
        await Server.CopyDefinitionAsync(Code, "DT-MARKER");
        using var author = Server.Http();
        var document = await author.GetFromJsonAsync<JsonElement>("api/definitions/DT-MARKER");
        var broken = document.GetProperty("yaml").GetString()!.Replace("issue:   { to: issued,", "issue:   { to: isued,", StringComparison.Ordinal);
        (await author.PutAsJsonAsync("api/definitions/DT-MARKER/draft", new { yaml = broken, baseRevision = document.GetProperty("revision").GetInt32() })).IsSuccessStatusCode.ShouldBeTrue();
        await OpenAsync(page, "DT-MARKER");
        await page.Locator("[data-id=issuing]").ClickAsync();
        var target = page.Locator("[data-testid=transition-form][data-event=issue]").GetByTestId("transition-target");
        await page.Locator("[data-id=issuing] [data-testid=node-marker]").WaitForAsync();
        (await page.GetByTestId("problem-row").CountAsync()).ShouldBeGreaterThan(0);
        (await page.GetByTestId("problem-title").First.InnerTextAsync()).ShouldBe("流转目标状态不存在", "HQ2001 says in Chinese what is wrong, above the located message");
        (await page.GetByTestId("problem-message").First.InnerTextAsync()).ShouldBe("状态“issuing”的事件“issue”流向“isued”，但它不是主流程中的状态");
        (await page.GetByTestId("problem-fix").First.InnerTextAsync()).ShouldBe("是否应为“issued”？");
        await page.GetByTestId("problem-row").First.ClickAsync();
        await SaveImageAsync(page, "designer-problems.png");
        await target.SelectOptionAsync(new SelectOptionValue { Label = "已办结" });
        await page.Locator("[data-id=issuing] [data-testid=node-marker]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    });

    [SkippableFact]
    public Task ChineseTitle_TypedThroughImeComposition_CommitsOnlyWhenComposed() => RunAsync(nameof(ChineseTitle_TypedThroughImeComposition_CommitsOnlyWhenComposed), async page =>
    {
        await OpenCopyAsync(page, "DT-IME");
        await page.Locator("[data-id=issuing]").ClickAsync();
        var title = page.GetByTestId("inspector-title");
        await title.FillAsync(string.Empty);
        await title.FocusAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Input.imeSetComposition", new Dictionary<string, object> { ["text"] = "chu", ["selectionStart"] = 3, ["selectionEnd"] = 3 });
        await page.Keyboard.PressAsync("Enter");
        (await YamlAsync(page)).ShouldContain("title: 出证");
        await cdp.SendAsync("Input.insertText", new Dictionary<string, object> { ["text"] = "出证窗口" });
        await title.PressAsync("Enter");
        await WaitForYamlAsync(page, "title: 出证窗口");
    });

    [SkippableFact]
    public Task Simulate_Steps_LightsThePathPerRegion() => RunAsync(nameof(Simulate_Steps_LightsThePathPerRegion), async page =>
    {
        await OpenCopyAsync(page, "DT-SIMULATE");
        await page.GetByTestId("tab-simulation").ClickAsync();
        await page.GetByTestId("simulate-run").ClickAsync();
        await page.GetByTestId("sim-step").First.WaitForAsync();
        await page.Locator(".state-node.active").First.WaitForAsync();
        // the case is accepted into 并联审批: each of the four lanes has its 审查 lit
        (await page.Locator(".state-node.active").CountAsync()).ShouldBe(4);
        // Accepted: the promised and the statutory limit are running, and the table says how much of each is left.
        (await page.GetByTestId("sim-step").Last.InnerTextAsync()).ShouldMatch(@"\d+(\.\d+)? h / \d+(\.\d+)? h");
        // States and lanes read by the titles the author gave them.
        (await page.GetByTestId("sim-step").Last.GetByTestId("sim-state").InnerTextAsync()).ShouldStartWith("并联审批 [营业执照:审查, ");
        await SaveImageAsync(page, "designer-simulation.png");

        // Without 股东会决议 the plain accept is refused, in Chinese, and the step says what is missing.
        await page.GetByTestId("sim-submitted").Locator("input[data-material=shareholder-resolution]").UncheckAsync();
        await page.GetByTestId("simulate-run").ClickAsync();
        var refused = page.GetByTestId("sim-step").Last;
        await refused.GetByTestId("sim-missing").Filter(new LocatorFilterOptions { HasText = "股东会决议" }).WaitForAsync();
        (await refused.InnerTextAsync()).ShouldContain("HQ6");
        var reason = await refused.Locator(".error").InnerTextAsync();
        reason.ShouldNotContain("undefined");
        reason.ShouldMatch(@"被拒绝 HQ6\d+: .*[\u4e00-\u9fff]");

        // A sample says whether its expectations held, and which did not.
        await page.GetByTestId("mode-sample").CheckAsync();
        await page.GetByTestId("sample-yaml").FillAsync("""
            sample: 受理后应在并联审批
            definition: DT-SIMULATE
            clock: 2026-09-28T09:00:00+08:00
            case:
              applicant: { name: 张三 }
              submitted: [application, articles, premises, shareholder-resolution]
            steps:
              - { send: accept, by: window, expect: { state: issuing } }
            """);
        await page.GetByTestId("simulate-run").ClickAsync();
        (await page.GetByTestId("sim-verdict").InnerTextAsync()).ShouldBe("样例未通过：1 项期望不符");
        var failed = await page.GetByTestId("sim-failures").InnerTextAsync();
        failed.ShouldContain("第 1 步之后的状态");
        failed.ShouldContain("期望：issuing");
        failed.ShouldContain("实际：approval");
        await page.GetByTestId("sample-yaml").FillAsync((await page.GetByTestId("sample-yaml").InputValueAsync()).Replace("state: issuing", "state: approval", StringComparison.Ordinal));
        await page.GetByTestId("simulate-run").ClickAsync();
        await page.GetByTestId("sim-verdict").Filter(new LocatorFilterOptions { HasText = "样例通过" }).WaitForAsync();
        (await page.GetByTestId("sim-failures").CountAsync()).ShouldBe(0);

        // A working day later every lane is past its 3 working hours: the warnings name the branches as the case view does.
        await page.GetByTestId("sample-yaml").FillAsync((await page.GetByTestId("sample-yaml").InputValueAsync()) + "\n  - { after: 1wd }\n");
        await page.GetByTestId("simulate-run").ClickAsync();
        var warnings = page.GetByTestId("sim-step").Last.GetByTestId("sim-warnings");
        await warnings.Filter(new LocatorFilterOptions { HasText = "营业执照" }).WaitForAsync();
        (await warnings.InnerTextAsync()).ShouldNotContain("approval/market");

        // A sample that cannot be read says where and why, and no verdict is given.
        await page.GetByTestId("sample-yaml").FillAsync("sample: [unclosed");
        await page.GetByTestId("simulate-run").ClickAsync();
        (await page.GetByTestId("simulation").GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("HQ5001");
        (await page.GetByTestId("sim-verdict").CountAsync()).ShouldBe(0);
    });

    [SkippableFact]
    public Task MaterialFlags_InTheInspector_EditTheYaml() => RunAsync(nameof(MaterialFlags_InTheInspector_EditTheYaml), async page =>
    {
        await OpenCopyAsync(page, "DT-MATERIAL");
        var premises = page.Locator("[data-testid=materials] [data-material=premises]");
        (await premises.InnerTextAsync()).ShouldContain("住所（经营场所）使用证明");
        (await premises.GetByLabel("住所（经营场所）使用证明：可承诺").IsCheckedAsync()).ShouldBeTrue();
        await premises.GetByLabel("住所（经营场所）使用证明：可承诺").UncheckAsync();
        await WaitForYamlAsync(page, "- { id: premises, name: 住所（经营场所）使用证明, tolerable: true }");
    });

    [SkippableFact]
    public Task PublishTwice_DiffShowsTheChangeOnTheGraph() => RunAsync(nameof(PublishTwice_DiffShowsTheChangeOnTheGraph), async page =>
    {
        await OpenCopyAsync(page, "DT-PUBLISH");
        await page.GetByTestId("tab-versions").ClickAsync();
        await page.GetByTestId("publish").ClickAsync();
        await page.GetByTestId("versions-message").WaitForAsync();
        await page.Locator("[data-id=issuing]").ClickAsync();
        await page.GetByTestId("inspector-limit-unit").SelectOptionAsync(new SelectOptionValue { Label = "工作小时" });
        await page.GetByTestId("inspector-limit-amount").FillAsync("1");
        await page.GetByTestId("inspector-limit-amount").PressAsync("Enter");
        await page.GetByTestId("publish").ClickAsync();
        await page.GetByTestId("version-list").Locator("tbody tr").Nth(1).WaitForAsync();
        await page.GetByTestId("show-diff").ClickAsync();
        // on the graph, not only in the list of changes: 出证 got a limit
        await page.Locator("[data-id=issuing] .state-node.diff-changed").WaitForAsync();
        // and in the list, in names: 新增 状态“出证” › 时限
        (await page.GetByTestId("diff-summary").InnerTextAsync()).ShouldContain("新增 状态“出证” › 时限");
        await SaveImageAsync(page, "designer-diff.png");
    });

    [SkippableFact]
    public Task UndoThreeEdits_RestoresTheOriginalText() => RunAsync(nameof(UndoThreeEdits_RestoresTheOriginalText), async page =>
    {
        await OpenCopyAsync(page, "DT-UNDO");
        var original = await YamlAsync(page);
        for (var i = 0; i < 3; i++)
        {
            await page.GetByTestId("add-state").ClickAsync();
            await page.Locator(".state-node").Nth(0).WaitForAsync();
        }

        (await YamlAsync(page)).ShouldContain("state-3:");
        await page.Locator(".react-flow__pane").ClickAsync();
        for (var i = 0; i < 3; i++)
        {
            await page.GetByTestId("undo").ClickAsync();
        }

        (await YamlAsync(page)).ShouldBe(original);
    });

    [SkippableFact]
    public Task ConflictingSave_FromASecondBrowser_IsDetected() => RunAsync(nameof(ConflictingSave_FromASecondBrowser_IsDetected), async page =>
    {
        await OpenCopyAsync(page, "DT-CONFLICT");
        var other = await OpenAsync(await Server.NewPageAsync(), "DT-CONFLICT");
        await other.GetByTestId("add-state").ClickAsync();
        await other.GetByTestId("save-draft").ClickAsync();
        await other.GetByTestId("status").WaitForAsync();
        await page.GetByTestId("add-state").ClickAsync();
        await page.GetByTestId("save-draft").ClickAsync();
        await page.GetByTestId("conflict").WaitForAsync();
        await other.Context.CloseAsync();
    });

    [SkippableFact]
    public Task LargeDefinition_300States_OpensAndDragsSmoothly() => RunAsync(nameof(LargeDefinition_300States_OpensAndDragsSmoothly), async page =>
    {
        var (firstRender, longest) = await OpenAndDragAsync(page, 300, "LARGE-0300", "三百个状态", "designer-large.txt");
        firstRender.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        longest.ShouldBeLessThan(500);
    });

    [SkippableFact]
    public Task LargeDefinition_1000States_OpensAndDragsSmoothly() => RunAsync(nameof(LargeDefinition_1000States_OpensAndDragsSmoothly), async page =>
    {
        var (firstRender, longest) = await OpenAndDragAsync(page, 1000, "LARGE-1000", "一千个状态", "designer-large-1000.txt");
        firstRender.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        longest.ShouldBeLessThan(2000);
    });

    /// <summary>
    /// Opens a fresh chain of <paramref name="states"/> states (no stored layout) and drags its first state: the time to the
    /// first drawn state, and the longest main-thread task from the start of the drag until the state is read back after the drop. The figures
    /// go to <paramref name="report"/> beside the test binary (docs/benchmarks.md § Designer); the bounds asserted here are
    /// loose, for a shared machine.
    /// </summary>
    private async Task<(TimeSpan FirstRender, double Longest)> OpenAndDragAsync(IPage page, int states, string code, string name, string report)
    {
        await Server.CreateDraftAsync(code, name, LargeDefinition.Yaml(states, code, name));
        using (var http = Server.Http())
        {
            var stored = await http.GetFromJsonAsync<JsonElement>($"api/definitions/{code}");
            stored.GetProperty("model").GetProperty("states").GetArrayLength().ShouldBe(states);
            stored.GetProperty("diagnostics").EnumerateArray().Count(d => d.GetProperty("severity").GetString() == "error").ShouldBe(0);
        }

        var clock = Stopwatch.StartNew();
        await page.GotoAsync(new Uri(Server.BaseUrl, $"designer/{code}").ToString());
        await page.Locator("[data-testid=state-node]").First.WaitForAsync();
        var firstRender = clock.Elapsed;
        await page.EvaluateAsync("() => { window.__longest = 0; new PerformanceObserver(l => l.getEntries().forEach(e => window.__longest = Math.max(window.__longest, e.duration))).observe({ entryTypes: ['longtask'] }); }");
        var node = page.Locator("[data-testid=state-node]").First;
        var box = (await node.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 20);
        await page.Mouse.DownAsync();
        for (var i = 0; i < 30; i++)
        {
            await page.Mouse.MoveAsync(box.X + 20 + (i * 10), box.Y + 20 + (i * 4));
        }

        await page.Mouse.UpAsync();
        (await node.BoundingBoxAsync())!.X.ShouldBeGreaterThan(box.X + 100, "the state follows the pointer");
        var longest = await page.EvaluateAsync<double>("() => window.__longest");
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, report), $"{states} states: first render {firstRender.TotalMilliseconds:F0} ms; longest task while dragging {longest:F0} ms; load {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}\n");
        return (firstRender, longest);
    }
}
