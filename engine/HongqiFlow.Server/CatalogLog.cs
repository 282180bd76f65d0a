using HongqiFlow.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HongqiFlow.Server;

/// <summary>
/// Logs what the catalog folder gave once the store is open (HongqiStartup opens it before any hosted service starts):
/// one line of counts, then a warning per file that did not load and per drifted item.
/// </summary>
internal sealed class CatalogLog(DefinitionRegistry registry, IOptions<ServerOptions> options, ILoggerFactory logs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ServerHost.LogCatalog(logs.CreateLogger("HongqiFlow.Server"), Paths.ResolveDefinitions(options.Value.Definitions), registry);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
