namespace HongqiFlow.Storage;

/// <summary>Marks a claimed timer as fired in the same transaction as the events it caused, so it fires once.</summary>
/// <param name="TimerId">The claimed timer.</param>
/// <param name="NodeId">The node that holds the claim; the completion fails if another node has claimed it since.</param>
public sealed record TimerCompletion(string TimerId, string NodeId);
