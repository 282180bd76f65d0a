using HongqiFlow.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HongqiFlow.Server.Health;

/// <summary>Ready only when the catalog is loaded and the store holds at least one published definition.</summary>
public sealed class DefinitionsHealthCheck(DefinitionRegistry registry) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var latest = await registry.Store.ListLatestAsync(cancellationToken);
        return latest.Count > 0
            ? HealthCheckResult.Healthy($"{latest.Count} item(s) published")
            : HealthCheckResult.Unhealthy("no definition is published: check the catalog folder (--definitions)");
    }
}
