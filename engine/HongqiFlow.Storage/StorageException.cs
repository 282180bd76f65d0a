using HongqiFlow.Diagnostics;

namespace HongqiFlow.Storage;

/// <summary>The root of the store's own failures.</summary>
public class StorageException : HongqiFlowException
{
    public StorageException(string message) : base(message) { }

    public StorageException(string message, Exception inner) : base(message, inner) { }
}
