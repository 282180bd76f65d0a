using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server;

/// <summary>The store, the definitions and the case service the endpoints use.</summary>
public static class ServerServices
{
    public static void Add(IServiceCollection services, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
    }
}
