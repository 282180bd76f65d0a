using HongqiFlow.Storage;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>The deputy part of the store contract (代理): one record per principal, replaced, removed, seen by another node.</summary>
public abstract partial class CaseStoreContract
{
    private IDeputyStore Deputies => (IDeputyStore)Store;

    [StoreFact]
    public async Task SaveDeputy_ThenAgainForThePrincipal_ListsTheLastRecordByPrincipal()
    {
        (await Deputies.ListDeputiesAsync()).ShouldBeEmpty();

        await Deputies.SaveDeputyAsync("wang-qiang", """{"deputyId":"zhang-wei"}""", Noon);
        await Deputies.SaveDeputyAsync("li-na", """{"deputyId":"wang-qiang"}""", Noon);
        await Deputies.SaveDeputyAsync("wang-qiang", """{"deputyId":"li-na"}""", Noon.AddMinutes(5));

        (await Deputies.ListDeputiesAsync()).ShouldBe(
        [
            new StoredDeputy("li-na", """{"deputyId":"wang-qiang"}""", Noon),
            new StoredDeputy("wang-qiang", """{"deputyId":"li-na"}""", Noon.AddMinutes(5)),
        ]);
    }

    [StoreFact]
    public async Task RemoveDeputy_RemovesOnlyThatPrincipal_AndSaysWhetherThereWasOne()
    {
        await Deputies.SaveDeputyAsync("wang-qiang", """{"deputyId":"zhang-wei"}""", Noon);
        await Deputies.SaveDeputyAsync("li-na", """{"deputyId":"wang-qiang"}""", Noon);

        (await Deputies.RemoveDeputyAsync("wang-qiang")).ShouldBeTrue();
        (await Deputies.RemoveDeputyAsync("wang-qiang")).ShouldBeFalse();
        (await Deputies.RemoveDeputyAsync("nobody")).ShouldBeFalse();

        (await Deputies.ListDeputiesAsync()).Select(d => d.Principal).ShouldBe(["li-na"]);
    }

    [StoreFact]
    public async Task SaveDeputy_OnOneNode_IsListedOnAnother()
    {
        await Deputies.SaveDeputyAsync("wang-qiang", """{"deputyId":"zhang-wei"}""", Noon);
        await using var second = await OpenSecondNodeAsync();

        (await ((IDeputyStore)second).ListDeputiesAsync()).ShouldHaveSingleItem().DeputyJson.ShouldBe("""{"deputyId":"zhang-wei"}""");
        (await ((IDeputyStore)second).RemoveDeputyAsync("wang-qiang")).ShouldBeTrue();
        (await Deputies.ListDeputiesAsync()).ShouldBeEmpty();
    }
}
