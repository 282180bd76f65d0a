using HongqiFlow.Hosting;
using HongqiFlow.Storage;
using HongqiFlow.Testing;

namespace HongqiFlow.Tests.Hosting;

public sealed class DefinitionRegistryTests : IAsyncLifetime
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
    public async Task OpenAsync_EmptyStore_ImportsEveryCatalogItemAsPublishedVersionOne()
    {
        _registry.LastImport.Imported.Order(StringComparer.Ordinal).ShouldBe(["BDCDJ-0102@1", "BDCDJ-0301@1", "GJJDK-0501@1", "GJJTQ-0602@1", "JZZ-0801@1", "QYKB-0001@1", "SBDJ-0201@1", "SCZT-1001@1", "SGXK-0901@1", "YBZY-0401@1"]);
        (await _store.GetVersionAsync("QYKB-0001", 1))!.Source.ShouldBe("catalog");
        (await _registry.FindAsync("enterprise-establishment")).ToString().ShouldBe("QYKB-0001@1");
        (await _registry.FindAsync("QYKB-0001@1")).ShouldBeSameAs(await _registry.ForCaseAsync("QYKB-0001@1"));
    }

    [Fact]
    public async Task ImportCatalog_StoreHoldsAnotherTextForTheSameVersion_ReportsDriftWithTheChangesAndKeepsTheStoreText()
    {
        await using var store = new InMemoryCaseStore();
        var edited = _catalogText.Replace("promised: 0.5wd", "promised: 1wd", StringComparison.Ordinal);
        await store.PublishAsync(new PublishedDefinition("QYKB-0001", 1, edited, "alice", DateTimeOffset.UnixEpoch));

        using var registry = await DefinitionRegistry.OpenAsync(store, Repository.Path("definitions"), TimeProvider.System);

        var drift = registry.LastImport.Drift.ShouldHaveSingleItem();
        drift.DefinitionId.ShouldBe("QYKB-0001@1");
        drift.Changes.ShouldBe([new DefinitionChange(ChangeKind.Changed, "limit", "item", "promised", "\"1wd\"", "\"0.5wd\"")]);
        (await store.GetVersionAsync("QYKB-0001", 1))!.Yaml.ShouldBe(edited);
    }

    [Fact]
    public async Task PublishAsync_DraftWithRaisedVersion_PublishesVersionTwoAndVersionOneStaysForRunningCases()
    {
        var v2 = _catalogText.Replace("  version: 1", "  version: 2", StringComparison.Ordinal).Replace("limit: 3wh, use: review, onTimeout: approve", "limit: 2wh, use: review, onTimeout: approve", StringComparison.Ordinal);
        await _store.SaveDraftAsync("QYKB-0001", v2, 0, "alice", DateTimeOffset.UnixEpoch);

        var result = await _registry.PublishAsync("QYKB-0001", "alice");

        result.IsPublished.ShouldBeTrue();
        result.Published!.DefinitionId.ShouldBe("QYKB-0001@2");
        (await _registry.FindAsync("QYKB-0001")).Version.ShouldBe(2);
        (await _registry.ForCaseAsync("QYKB-0001@1")).Definition.Item.Version.ShouldBe(1);
        DefinitionDiff.Compare(await _registry.ModelAsync("QYKB-0001", 1), await _registry.ModelAsync("QYKB-0001", 2)).Changes.ShouldBe([
            new DefinitionChange(ChangeKind.Changed, "item", "QYKB-0001", "version", "1", "2"),
            new DefinitionChange(ChangeKind.Changed, "limit", "branch approval/tax", null, "\"3wh\"", "\"2wh\""),
        ]);
    }

    [Fact]
    public async Task PublishAsync_VersionNotRaised_IsRefusedWithHQ6503AndNothingPublished()
    {
        await _store.SaveDraftAsync("QYKB-0001", _catalogText, 0, "alice", DateTimeOffset.UnixEpoch);

        var result = await _registry.PublishAsync("QYKB-0001", "alice");

        result.IsPublished.ShouldBeFalse();
        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe("HQ6503");
        d.Fix.ShouldBe("set item.version to 2");
        (await _store.ListVersionsAsync("QYKB-0001")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task PublishAsync_InvalidDraft_IsRefusedWithTheValidatorsDiagnostics()
    {
        await _store.SaveDraftAsync("QYKB-0001", _catalogText.Replace("  version: 1", "  version: 2", StringComparison.Ordinal).Replace("onDone: issuing", "onDone: nowhere", StringComparison.Ordinal), 0, "alice", DateTimeOffset.UnixEpoch);

        var result = await _registry.PublishAsync("QYKB-0001", "alice");

        result.IsPublished.ShouldBeFalse();
        result.Diagnostics.ShouldContain(d => d.Message.Contains("nowhere", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_NoDraft_IsRefusedWithHQ6501()
    {
        (await _registry.PublishAsync("GTGS-0002", "alice")).Diagnostics.Single().Code.ShouldBe("HQ6501");
    }

    [Fact]
    public async Task ExportAsync_TwoVersions_WritesLatestUnderTheCatalogNameAndOlderUnderVersions()
    {
        await _store.PublishAsync(new PublishedDefinition("QYKB-0001", 2, "v2 text", "alice", DateTimeOffset.UnixEpoch));
        var folder = Directory.CreateTempSubdirectory("hongqi-export-").FullName;
        try
        {
            var files = await _registry.ExportAsync(folder);

            var written = files.Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).ToList();
            written.ShouldContain("versions/QYKB-0001@1.yaml");
            written.ShouldContain("enterprise-establishment.yaml");
            written.Count.ShouldBe(11);
            (await File.ReadAllTextAsync(Path.Combine(folder, "enterprise-establishment.yaml"))).ShouldBe("v2 text");
            (await File.ReadAllTextAsync(Path.Combine(folder, "versions", "QYKB-0001@1.yaml"))).ShouldBe(_catalogText);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Simulator_DraftTextWithSteps_ReportsEachStepsRegionsClockAndNotifications()
    {
        var sample = CompleteApplication(
            "tax times out",
            new HongqiFlow.Samples.SampleStep { Send = "accept" },
            new HongqiFlow.Samples.SampleStep { Send = "approve", By = "department:market-regulation" },
            new HongqiFlow.Samples.SampleStep { Send = "approve", By = "department:public-security" },
            new HongqiFlow.Samples.SampleStep { Send = "approve", By = "department:hr-social-security" },
            new HongqiFlow.Samples.SampleStep { After = HongqiFlow.Time.Duration.WorkingHours(4), Send = "issue" },
            new HongqiFlow.Samples.SampleStep { Send = "issue" });

        var result = new Simulator(_registry).Run(_catalogText, sample);

        result.Ran.ShouldBeTrue();
        result.Steps.Select(s => s.Label).ShouldBe(["start", "accept by window", "approve by department:market-regulation", "approve by department:public-security", "approve by department:hr-social-security", "after 4wh, issue by window", "issue by window"]);
        result.Steps[1].Regions.Select(r => r.ToString()).ShouldBe(["main=approval", "approval/market=reviewing", "approval/tax=reviewing", "approval/social=reviewing", "approval/seal=reviewing"]);
        result.Steps[5].Events.ShouldContain(e => e.Type == "branch-deemed");
        result.Steps[5].Outcome.ShouldBe("approved");
        result.Steps[5].Notifications.Select(n => n.Data.GetString("template")).ShouldContain("decision");
        result.Steps[6].Rejection!.Code.ShouldBe("HQ6012");
        result.Failures.Select(f => f.What).ShouldBe(["'issue' by window"]);
    }

    [Fact]
    public void Simulator_ManyRuns_KeepNoGuardsOfTheirDrafts()
    {
        var sample = CompleteApplication("accept", new HongqiFlow.Samples.SampleStep { Send = "accept" });
        var kept = _registry.KeptGuardSets;

        for (var i = 0; i < 5; i++)
        {
            new Simulator(_registry).Run(_catalogText, sample).Ran.ShouldBeTrue();
        }

        _registry.KeptGuardSets.ShouldBe(kept);
    }

    [Fact]
    public void Simulator_InvalidDraft_ReturnsDiagnosticsAndRunsNoStep()
    {
        var sample = new HongqiFlow.Samples.Sample { Name = "x", Definition = "draft", Clock = DateTimeOffset.UnixEpoch };

        var result = new Simulator(_registry).Run("item: [", sample);

        result.Ran.ShouldBeFalse();
        result.Steps.ShouldBeEmpty();
        result.Diagnostics.ShouldNotBeEmpty();
    }

    /// <summary>A sample against the draft: a complete 企业开办 application on Monday 23 September 2024, 09:00, then the steps.</summary>
    private static HongqiFlow.Samples.Sample CompleteApplication(string name, params HongqiFlow.Samples.SampleStep[] steps) => new()
    {
        Name = name,
        Definition = "draft",
        Clock = new DateTimeOffset(2024, 9, 23, 9, 0, 0, TimeSpan.FromHours(8)),
        Case = new HongqiFlow.Samples.SampleCase { Submitted = new[] { "application", "articles", "premises", "shareholder-resolution" } },
        Steps = steps,
    };
}
