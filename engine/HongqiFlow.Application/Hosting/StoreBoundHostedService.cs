using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HongqiFlow.Hosting;

/// <summary>
/// Runs a hosted service that needs the store, resolving it only when the host starts it: the host lists its hosted
/// services before <see cref="HongqiStartup"/> has opened the store, so those that read the store are registered through this.
/// </summary>
public sealed class StoreBoundHostedService<T>(IServiceProvider services) : IHostedService
    where T : class, IHostedService
{
    private T? _service;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _service = services.GetRequiredService<T>();
        return _service.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _service?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}

/// <summary>Registers hosted services that read the store (see <see cref="StoreBoundHostedService{T}"/>).</summary>
public static class StoreBoundHostedServiceExtensions
{
    /// <summary>Adds <typeparamref name="T"/> as a singleton started after the store is open; register <typeparamref name="T"/> itself when it needs a factory.</summary>
    public static IServiceCollection AddStoreBoundHostedService<T>(this IServiceCollection services)
        where T : class, IHostedService
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IHostedService>(sp => new StoreBoundHostedService<T>(sp));
        return services;
    }
}
