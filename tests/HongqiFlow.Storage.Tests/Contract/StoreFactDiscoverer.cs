using HongqiFlow.Storage.Tests.Postgres;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace HongqiFlow.Storage.Tests.Contract;

/// <summary>Decides per test class, since the contract facts are declared once on the abstract base.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        if (needsPostgres && PostgresAvailability.SkipReason is { } reason)
        {
            yield return new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason);
        }
        else
        {
            yield return new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod);
        }
    }
}
