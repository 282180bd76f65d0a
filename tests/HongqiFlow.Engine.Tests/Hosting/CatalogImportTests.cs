using HongqiFlow.Testing;
using System.Text.Json;
using HongqiFlow.Hosting;
using HongqiFlow.Storage;

namespace HongqiFlow.Tests.Hosting;

/// <summary>Files sent to the registry (the API's import) go through the same import as the catalog folder, and the layout sidecar's rules.</summary>
public sealed class CatalogImportTests : IAsyncLifetime
{
    private readonly InMemoryCaseStore _store = new();
    private readonly string _catalogText = File.ReadAllText(Repository.Path("definitions", "enterprise-establishment.yaml"));
    private DefinitionRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await DefinitionRegistry.OpenAsync(_store, Repository.Path("definitions"), TimeProvider.System);

    public async Task DisposeAsync()
    {
        _registry.Dispose();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task ImportFiles_NewSameDriftedAndInvalid_AreReportedAsTheCatalogImportReportsThem()
    {
        var raised = _catalogText.Replace("  version: 1\n", "  version: 7\n", StringComparison.Ordinal);
        var drifted = _catalogText.Replace("promised: 0.5wd", "promised: 1wd", StringComparison.Ordinal);

        var report = await _registry.ImportFilesAsync(
        [
            new CatalogFile("a.yaml", raised),
            new CatalogFile("b.yaml", _catalogText.ReplaceLineEndings("\r\n") + "\n\n"),
            new CatalogFile("c.yaml", drifted),
            new CatalogFile("d.yaml", "hongqiflow: 1\nitem: {}\n"),
        ], "import");

        report.Imported.ShouldBe(["QYKB-0001@7"]);
        report.Unchanged.ShouldBe(["QYKB-0001@1"]);
        var drift = report.Drift.ShouldHaveSingleItem();
        drift.File.ShouldBe("c.yaml");
        drift.Changes.ShouldBe([new DefinitionChange(ChangeKind.Changed, "limit", "item", "promised", "\"0.5wd\"", "\"1wd\"")]);
        drift.ToString().ShouldStartWith("c.yaml: 'QYKB-0001@1' is already published with another text (1 change(s)");
        report.Invalid.ShouldNotBeEmpty();
        report.Invalid.ShouldAllBe(d => d.Location.File == "d.yaml");
        var published = await _store.GetVersionAsync("QYKB-0001", 7);
        (published!.Author, published.Source).ShouldBe(("import", "catalog"));
        (await _store.GetVersionAsync("QYKB-0001", 1))!.Yaml.ShouldBe(_catalogText);
    }

    [Fact]
    public async Task Layouts_SaveCheckedLayout_ForAnItemThatExists_AndReadItBack()
    {
        var layouts = new DefinitionLayouts(_store, TimeProvider.System);
        (await layouts.GetAsync("QYKB-0001")).ShouldBe(DefinitionLayouts.None);

        using var good = JsonDocument.Parse("""{"version":1,"positions":{"received":{"x":10,"y":20.5}}}""");
        DefinitionLayouts.Problems(good.RootElement).ShouldBeEmpty();
        (await layouts.SaveAsync("QYKB-0001", good.RootElement)).ShouldBeTrue();
        (await layouts.GetAsync("QYKB-0001")).ShouldBe(good.RootElement.GetRawText());
        (await layouts.SaveAsync("NO-SUCH-ITEM", good.RootElement)).ShouldBeFalse();

        using var list = JsonDocument.Parse("[1]");
        DefinitionLayouts.Problems(list.RootElement).Keys.ShouldBe(["$"]);
        using var positions = JsonDocument.Parse("""{"positions":{"received":{"x":"left","y":1},"issued":{"x":1,"y":2}}}""");
        DefinitionLayouts.Problems(positions.RootElement).Keys.ShouldBe(["positions.received"]);
        await Should.ThrowAsync<ArgumentException>(() => layouts.SaveAsync("QYKB-0001", positions.RootElement));
    }
}
