namespace HongqiFlow.Runtime;

/// <summary>The command was refused; the case is unchanged.</summary>
public sealed record Rejected(Rejection Rejection) : Decision;
