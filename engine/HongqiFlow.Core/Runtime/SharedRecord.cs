namespace HongqiFlow.Runtime;

/// <summary>A record fetched from another department's system (数据共享), e.g. the legal representative's ID card.</summary>
public sealed record SharedRecord(string Source, ValueMap Record);
