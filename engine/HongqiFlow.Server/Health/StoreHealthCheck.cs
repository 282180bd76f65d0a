using HongqiFlow.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HongqiFlow.Server.Health;

/// <summary>Ready only when the store answers a read.</summary>
public sealed class StoreHealthCheck(ICaseStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ListCasesAsync(new CaseQuery(Limit: 1), cancellationToken);
            return HealthCheckResult.Healthy("the store answers");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("the store does not answer: " + e.Message);
        }
    }
}
