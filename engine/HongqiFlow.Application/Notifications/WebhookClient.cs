using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace HongqiFlow.Notifications;

/// <summary>
/// The webhook channel's HTTP client, from <see cref="IHttpClientFactory"/> (pooled handlers, DNS changes seen) with
/// the standard resilience pipeline: each attempt times out after 10 s, a failed or transient answer (5xx, 408, 429,
/// network error) is retried up to 3 times with jittered exponential back-off, a circuit breaker stops calling an
/// endpoint that keeps failing, and the whole call gives up after 30 s — well inside the outbox lease (2 min). When
/// the call still fails, the outbox records the attempt and retries it later with its own back-off. Retrying a POST
/// is safe here: every request carries the message id as its <c>Idempotency-Key</c>.
/// </summary>
public static class WebhookClient
{
    /// <summary>The named client (<c>AddHttpClient(WebhookClient.Name)</c> configures it further, e.g. in tests).</summary>
    public const string Name = "hongqi-webhook";

    public static IHttpClientBuilder Add(IServiceCollection services)
    {
        var builder = services.AddHttpClient(Name);
        builder.AddStandardResilienceHandler(options =>
        {
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
            options.Retry.MaxRetryAttempts = 3;
        });
        return builder;
    }
}
