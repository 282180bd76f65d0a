namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>Marks a contract subclass that needs PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;
