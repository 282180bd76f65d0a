using HongqiFlow.Hosting;
using HongqiFlow.Hosting.Demo;
using HongqiFlow.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace HongqiFlow.Server.DataSharing;

/// <summary>Registers the connector <see cref="DataSharingOptions"/> names and returns it for <see cref="HongqiHostOptions.DataSharing"/>.</summary>
public static class DataSharingServices
{
    public static Func<IServiceProvider, IDataSharingConnector>? Add(IServiceCollection services, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var sharing = options.DataSharing;
        switch (sharing.Effective(options.Demo))
        {
            case DataSharingOptions.None:
                return null;
            case DataSharingOptions.Demo:
                return _ => DemoDataSharingConnector.Seeded;
            case DataSharingOptions.Http:
                foreach (var (source, endpoint) in sharing.Sources)
                {
                    if (endpoint.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                    {
                        throw new InvalidOperationException(
                            $"{ServerOptions.Section}:DataSharing:Sources:{source}:BaseUrl must be an absolute http(s) URL (got '{endpoint.BaseUrl}')");
                    }

                    // The connector bounds each attempt itself; the client's own timeout would only cut retries short.
                    services.AddHttpClient(HttpDataSharingConnector.ClientName(source), client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan);
                }

                services.AddHttpClient();
                return sp => new HttpDataSharingConnector(sp.GetRequiredService<IHttpClientFactory>(), sharing, sp.GetRequiredService<TimeProvider>());
            case var other:
                throw new InvalidOperationException(
                    $"{ServerOptions.Section}:DataSharing:Connector is '{other}'; use {DataSharingOptions.Http}, {DataSharingOptions.Demo} or {DataSharingOptions.None}");
        }
    }
}
