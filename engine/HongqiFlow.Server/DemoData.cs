using HongqiFlow.Hosting;
using HongqiFlow.Hosting.Demo;
using HongqiFlow.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HongqiFlow.Server;

/// <summary>
/// <c>hongqi serve --demo</c>: before the server listens, fills an empty store with demonstration cases
/// (<see cref="DemoSeeder"/>); a store that already holds cases is left alone. Off unless asked for.
/// </summary>
public static partial class DemoData
{
    public static async Task SeedIfAskedAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.Demo)
        {
            return;
        }

        await app.Services.OpenHongqiFlowAsync(cancellationToken);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HongqiFlow.Demo");
        var seeder = new DemoSeeder(app.Services.GetRequiredService<ICaseStore>(), app.Services.GetRequiredService<DefinitionRegistry>());
        try
        {
            var report = await seeder.SeedAsync(new DemoOptions { End = app.Services.GetRequiredService<TimeProvider>().GetUtcNow() }, cancellationToken);
            LogSeeded(log, report.ToString());
        }
        catch (DemoStoreNotEmptyException)
        {
            LogNotEmpty(log);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Demonstration data added: {Report}. Never use --demo for real cases.")]
    private static partial void LogSeeded(ILogger logger, string report);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "--demo: the store already holds cases; no demonstration data added")]
    private static partial void LogNotEmpty(ILogger logger);
}
