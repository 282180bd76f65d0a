using HongqiFlow.Storage;
using HongqiFlow.Storage.PersonalData;
using HongqiFlow.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HongqiFlow.Hosting;

/// <summary>
/// Opens the node's store and imports the catalog folder once, asynchronously: the host does it in
/// <see cref="StartingAsync"/>, before any hosted service starts or the server listens; a provider used without a host
/// calls <see cref="HongqiStartupExtensions.OpenHongqiFlowAsync"/>. Registering the services (<c>AddHongqiFlow</c>) and
/// building the provider touch neither the data folder nor the database. Until opened, resolving the store or the
/// <see cref="DefinitionRegistry"/> throws <see cref="InvalidOperationException"/> saying so.
/// </summary>
public sealed class HongqiStartup(HongqiHostOptions options, TimeProvider time) : IHostedLifecycleService, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HongqiStores? _stores;
    private DefinitionRegistry? _registry;

    public bool IsOpen => Volatile.Read(ref _registry) is not null;

    public HongqiStores Stores => IsOpen ? _stores! : throw NotOpen();

    public DefinitionRegistry Registry => Volatile.Read(ref _registry) ?? throw NotOpen();

    /// <summary>Opens the store and imports the catalog; later calls return at once.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        if (IsOpen)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsOpen)
            {
                return;
            }

            var store = options.OpenStore is { } open
                ? await open(options, time, cancellationToken).ConfigureAwait(false)
                : await SqliteCaseStore.OpenAsync(SqliteCaseStoreOptions.InFolder(options.DataFolder), time, options.Progress, cancellationToken).ConfigureAwait(false);
            if (store is IChainAlgorithmChoice chains)
            {
                chains.NewCaseChains = options.NewCaseChains;
            }

            try
            {
                var definitions = store as IDefinitionStore
                    ?? throw new InvalidOperationException($"the store {store.GetType().Name} does not keep definitions (IDefinitionStore)");
                var deputies = store as IDeputyStore
                    ?? throw new InvalidOperationException($"the store {store.GetType().Name} does not keep deputies (IDeputyStore)");
                ProtectedCaseStore? personal = null;
                PersonalDataStartReport? report = null;
                if (options.PersonalData is { } keys)
                {
                    personal = new ProtectedCaseStore(store, keys, time);
                    report = await personal.StartAsync(cancellationToken).ConfigureAwait(false);
                }

                var registry = await DefinitionRegistry.OpenAsync(definitions, options.DefinitionsFolder, time, options.Progress, cancellationToken).ConfigureAwait(false);
                _stores = new HongqiStores(personal ?? store, definitions, deputies, personal) { PersonalDataStart = report };
                Volatile.Write(ref _registry, registry);
            }
            catch
            {
                await store.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Releases the open gate; the store itself is disposed by the container that resolved it.</summary>
    public void Dispose() => _gate.Dispose();

    private static InvalidOperationException NotOpen() => new(
        "the HongqiFlow store is not open yet: start the host, or await OpenHongqiFlowAsync() on the service provider before resolving it");
}

/// <summary>Opening a node's store from a service provider that is used without a host (tests, tools).</summary>
public static class HongqiStartupExtensions
{
    public static Task OpenHongqiFlowAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<HongqiStartup>().OpenAsync(cancellationToken);
    }
}
