using HongqiFlow.Notifications;
using HongqiFlow.Scheduling;
using HongqiFlow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HongqiFlow.Hosting;

/// <summary>
/// Registers a HongqiFlow node: the store (SQLite in the data folder unless <see cref="HongqiHostOptions.OpenStore"/>
/// says otherwise) as <see cref="ICaseStore"/>, <see cref="IDefinitionStore"/> and <see cref="IDeputyStore"/>, the <see cref="DefinitionRegistry"/>
/// seeded from the catalog folder, <see cref="CaseService"/>, <see cref="Simulator"/>, and as hosted services the
/// <see cref="TimerScheduler"/> with <see cref="CaseTimerHandler"/> and the <see cref="OutboxDispatcher"/> with the
/// log channel (JSON lines in the data folder), the optional webhook and, with a connector
/// (<see cref="HongqiHostOptions.DataSharing"/>), the <see cref="DataSharingChannel"/> that answers fetch requests. Time comes from the registered
/// <see cref="TimeProvider"/> (the system clock unless one is registered before).
/// </summary>
public static class HongqiServiceCollectionExtensions
{
    public static IServiceCollection AddHongqiFlow(this IServiceCollection services, HongqiHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new HongqiHostOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);

        // Registration does no I/O: HongqiStartup opens the store and imports the catalog when the host starts (or when
        // OpenHongqiFlowAsync is awaited), and these singletons read what it opened.
        services.AddSingleton(sp => new HongqiStartup(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<HongqiStartup>());
        services.AddSingleton(sp => sp.GetRequiredService<HongqiStartup>().Stores);
        services.AddSingleton(sp => sp.GetRequiredService<HongqiStores>().Cases);
        services.AddSingleton(sp => sp.GetRequiredService<HongqiStores>().Definitions);
        services.AddSingleton(sp => sp.GetRequiredService<HongqiStores>().Deputies);
        services.AddSingleton(sp => sp.GetRequiredService<HongqiStartup>().Registry);
        services.AddSingleton(new CaseServiceOptions { NotificationChannels = options.Webhook is null ? ["log"] : ["log", "webhook"], DataSharing = options.DataSharing is not null });
        services.AddSingleton<CaseService>();
        services.AddSingleton<CaseMigrator>();
        services.AddSingleton<Simulator>();
        services.AddSingleton<CaseTimerHandler>();
        services.AddSingleton<ITimerHandler>(sp => sp.GetRequiredService<CaseTimerHandler>());
        services.AddSingleton(new TimerSchedulerOptions { NodeId = options.NodeId, PollInterval = options.PollInterval });
        services.AddSingleton(new OutboxDispatcherOptions { NodeId = options.NodeId, PollInterval = options.PollInterval });
        services.AddSingleton<IOutboxChannel>(sp => new FileOutboxChannel(options.OutboxLogPath, sp.GetRequiredService<TimeProvider>()));
        if (options.Webhook is { } webhook)
        {
            WebhookClient.Add(services);
            services.AddSingleton<IOutboxChannel>(sp => new WebhookOutboxChannel(sp.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookClient.Name), webhook));
        }

        if (options.DataSharing is { } connector)
        {
            services.AddSingleton<Runtime.IDataSharingConnector>(sp => connector(sp));
            services.AddSingleton<IOutboxChannel>(sp => new DataSharingChannel(
                sp.GetRequiredService<CaseService>(), sp.GetRequiredService<Runtime.IDataSharingConnector>(), sp.GetService<ILogger<DataSharingChannel>>())
            {
                Timeout = options.DataSharingTimeout,
            });
        }

        services.AddSingleton(sp => new TimerScheduler(
            sp.GetRequiredService<ICaseStore>(), sp.GetRequiredService<ITimerHandler>(), sp.GetRequiredService<TimerSchedulerOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<TimerScheduler>>()));
        services.AddSingleton(sp => new OutboxDispatcher(
            sp.GetRequiredService<ICaseStore>(), sp.GetServices<IOutboxChannel>(), sp.GetRequiredService<OutboxDispatcherOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<OutboxDispatcher>>()));
        if (options.RunBackgroundServices)
        {
            services.AddStoreBoundHostedService<TimerScheduler>();
            services.AddStoreBoundHostedService<OutboxDispatcher>();
        }

        return services;
    }
}
