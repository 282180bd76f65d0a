namespace HongqiFlow.Storage;

/// <summary>
/// An append tried to complete a timer that this node no longer holds: it fired already, was cancelled,
/// or its lease ran out and another node claimed it. Nothing was written; the timer must not fire here.
/// </summary>
public sealed class TimerClaimLostException : StorageException
{
    public TimerClaimLostException(string timerId, string nodeId)
        : base($"timer '{timerId}' is no longer claimed by node '{nodeId}' (fired, cancelled, or claimed by another node after the lease ran out); nothing was written")
    {
        TimerId = timerId;
        NodeId = nodeId;
    }

    public string TimerId { get; }

    public string NodeId { get; }
}
