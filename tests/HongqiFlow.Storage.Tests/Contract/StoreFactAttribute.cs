using Xunit.Sdk;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>
/// A contract fact: run for every store subclass, and skipped (with the reason) for a subclass marked
/// <see cref="RequiresPostgresAttribute"/> when PostgreSQL is unavailable outside CI.
/// </summary>
[XunitTestCaseDiscoverer("HongqiFlow.Storage.Tests.Contract.StoreFactDiscoverer", "HongqiFlow.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;
