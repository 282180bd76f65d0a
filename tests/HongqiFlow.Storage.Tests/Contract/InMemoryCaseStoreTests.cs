using HongqiFlow.Testing;

namespace HongqiFlow.Storage.Tests.Contract;

public sealed class InMemoryCaseStoreTests : CaseStoreContract
{
    protected override Task<ICaseStore> OpenStoreAsync() => Task.FromResult<ICaseStore>(new InMemoryCaseStore());

    protected override Task<ICaseStore> OpenSecondNodeAsync() => Task.FromResult(Store);

    protected override Task TamperWithEventAsync(string caseId, long version, string payloadJson)
    {
        ((InMemoryCaseStore)Store).TamperWithEvent(caseId, version, payloadJson);
        return Task.CompletedTask;
    }

    protected override Task TamperWithSnapshotAsync(string caseId, string stateJson, string? status = null)
    {
        ((InMemoryCaseStore)Store).TamperWithSnapshot(caseId, stateJson, status);
        return Task.CompletedTask;
    }

    protected override Task TamperWithOperationAsync(long sequence, string detail)
    {
        ((InMemoryCaseStore)Store).TamperWithOperation(sequence, detail);
        return Task.CompletedTask;
    }

    protected override Task RemoveOperationAsync(long sequence)
    {
        ((InMemoryCaseStore)Store).RemoveOperation(sequence);
        return Task.CompletedTask;
    }
}
