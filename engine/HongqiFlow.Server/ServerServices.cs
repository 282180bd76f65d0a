using HongqiFlow.Hosting;
using HongqiFlow.Server.Cases;
using HongqiFlow.Server.Supervision;
using HongqiFlow.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server;

/// <summary>The store, the definitions and the case service (the hosting layer), and the server's own helpers.</summary>
public static class ServerServices
{
    /// <param name="personalData">The keys ID and phone numbers are encrypted with at rest; null stores them as written.</param>
    /// <param name="progress">Where opening the store reports migrations and the catalog import (the CLI's progress); nothing when null.</param>
    public static void Add(IServiceCollection services, ServerOptions options, Storage.PersonalData.PersonalDataKeys? personalData = null,
        Progress.IOperationProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var host = new HongqiHostOptions
        {
            DataFolder = options.Data,
            DefinitionsFolder = Paths.ResolveDefinitions(options.Definitions),
            DataSharing = DataSharing.DataSharingServices.Add(services, options),
            DataSharingTimeout = options.DataSharing.FetchTimeout,
            NewCaseChains = options.Audit.ChainAlgorithm,
            PersonalData = personalData,
            Progress = progress ?? HongqiFlow.Progress.OperationProgress.None,
        };
        Directory.CreateDirectory(options.Data);

        // The store is opened by the hosting layer when the host starts (HongqiStartup), SQLite unless --store names PostgreSQL.
        services.AddHongqiFlow(options.Store is { Length: > 0 } connection ? host.UsePostgres(connection) : host);
        services.AddSingleton<CatalogLog>();
        services.AddStoreBoundHostedService<CatalogLog>();
        services.AddSingleton<CaseDesk>();
        services.AddSingleton(provider => new People.DeputyRegistry(provider.GetRequiredService<Storage.IDeputyStore>(), provider.GetRequiredService<TimeProvider>(),
            options.DeputyRefresh, provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<People.DeputyRegistry>>()));
        services.AddStoreBoundHostedService<People.DeputyRegistry>();
        services.AddSingleton<Receipts>();
        services.AddSingleton(provider => new CaseRecords(
            provider.GetRequiredService<Storage.ICaseStore>(), provider.GetRequiredService<CaseService>(), provider.GetRequiredService<DefinitionRegistry>(), options.SupervisionCacheCases));
        services.AddSingleton<IndicatorProjection>();
        services.AddSingleton<IndicatorProjector>();
        services.AddStoreBoundHostedService<IndicatorProjector>();
        if (options.SupervisionWarmUp)
        {
            services.AddSingleton<SupervisionWarmUp>();
            services.AddStoreBoundHostedService<SupervisionWarmUp>();
        }

        Security.CheckpointSetup.Add(services, options.Audit.Checkpoints);
        services.AddSingleton(provider => new ProgressGuard(provider.GetRequiredService<TimeProvider>(), options.ProgressFailuresPerReceipt));
    }
}
