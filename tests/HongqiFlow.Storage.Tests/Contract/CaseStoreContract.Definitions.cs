using HongqiFlow.Storage;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>The definition half of the store contract: drafts with revisions, immutable versions, layouts.</summary>
public abstract partial class CaseStoreContract
{
    private static readonly DateTimeOffset Noon = new(2024, 9, 23, 12, 0, 0, TimeSpan.Zero);

    private IDefinitionStore Definitions => (IDefinitionStore)Store;

    [StoreFact]
    public async Task SaveDraft_NewThenOverTheLatestRevision_CountsRevisionsAndKeepsTheLastText()
    {
        (await Definitions.SaveDraftAsync("QYKB-0001", "a: 1", 0, "alice", Noon)).ShouldBe(1);
        (await Definitions.SaveDraftAsync("QYKB-0001", "a: 2", 1, "bob", Noon.AddMinutes(1))).ShouldBe(2);

        (await Definitions.GetDraftAsync("QYKB-0001")).ShouldBe(new DefinitionDraft("QYKB-0001", "a: 2", 2, "bob", Noon.AddMinutes(1)));
        (await Definitions.GetDraftAsync("QYKB-0002")).ShouldBeNull();
        (await Definitions.ListDraftsAsync()).Select(d => d.Code).ShouldBe(["QYKB-0001"]);
    }

    [StoreFact]
    public async Task SaveDraft_OverAStaleRevision_ThrowsDraftConflictAndKeepsTheOtherSave()
    {
        await Definitions.SaveDraftAsync("QYKB-0001", "a: 1", 0, "alice", Noon);
        await Definitions.SaveDraftAsync("QYKB-0001", "a: 2", 1, "alice", Noon);

        var conflict = await Should.ThrowAsync<DraftConflictException>(() => Definitions.SaveDraftAsync("QYKB-0001", "a: 3", 1, "bob", Noon));

        conflict.CurrentRevision.ShouldBe(2);
        conflict.Message.ShouldBe("the draft of 'QYKB-0001' is at revision 2, not 1: it was saved by someone else meanwhile; reload it and save again");
        (await Definitions.GetDraftAsync("QYKB-0001"))!.Yaml.ShouldBe("a: 2");
        (await Should.ThrowAsync<DraftConflictException>(() => Definitions.SaveDraftAsync("QYKB-0001", "a: 4", 0, "carol", Noon))).CurrentRevision.ShouldBe(2);
    }

    [StoreFact]
    public async Task Publish_SameCodeAndVersionTwice_IsRefusedAndTheFirstTextStays()
    {
        await Definitions.PublishAsync(new PublishedDefinition("QYKB-0001", 1, "v: 1", "alice", Noon));

        await Should.ThrowAsync<VersionAlreadyPublishedException>(() => Definitions.PublishAsync(new PublishedDefinition("QYKB-0001", 1, "v: changed", "bob", Noon)));

        (await Definitions.GetVersionAsync("QYKB-0001", 1)).ShouldBe(new PublishedDefinition("QYKB-0001", 1, "v: 1", "alice", Noon));
    }

    [StoreFact]
    public async Task ListVersions_SeveralCodes_OldestFirstAndLatestPerCode()
    {
        await Definitions.PublishAsync(new PublishedDefinition("QYKB-0001", 2, "v: 2", "alice", Noon.AddDays(1)));
        await Definitions.PublishAsync(new PublishedDefinition("QYKB-0001", 1, "v: 1", "catalog", Noon, "catalog"));
        await Definitions.PublishAsync(new PublishedDefinition("GTGS-0002", 1, "v: 1", "bob", Noon));

        (await Definitions.ListVersionsAsync("QYKB-0001")).ShouldBe([
            new DefinitionVersionInfo("QYKB-0001", 1, "catalog", Noon, "catalog"),
            new DefinitionVersionInfo("QYKB-0001", 2, "alice", Noon.AddDays(1), "draft")]);
        (await Definitions.ListLatestAsync()).Select(v => v.DefinitionId).ShouldBe(["GTGS-0002@1", "QYKB-0001@2"]);
        (await Definitions.GetVersionAsync("QYKB-0001", 3)).ShouldBeNull();
    }

    [StoreFact]
    public async Task SaveLayout_Twice_KeepsTheLatestApartFromTheDraft()
    {
        (await Definitions.GetLayoutAsync("QYKB-0001")).ShouldBeNull();

        await Definitions.SaveLayoutAsync("QYKB-0001", """{"received":{"x":1}}""", Noon);
        await Definitions.SaveLayoutAsync("QYKB-0001", """{"received":{"x":2}}""", Noon);

        (await Definitions.GetLayoutAsync("QYKB-0001")).ShouldBe("""{"received":{"x":2}}""");
        (await Definitions.GetDraftAsync("QYKB-0001")).ShouldBeNull();
    }
}
