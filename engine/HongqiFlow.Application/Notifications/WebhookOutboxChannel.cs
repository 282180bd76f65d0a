using System.Globalization;
using System.Net.Http.Headers;
using HongqiFlow.Storage;

namespace HongqiFlow.Notifications;

/// <summary>
/// POSTs each message's payload to one endpoint with an <c>Idempotency-Key</c> header (the message id), so the
/// receiver can drop the repeats that at-least-once delivery brings. A non-2xx answer is a failed attempt.
/// </summary>
public sealed class WebhookOutboxChannel : IOutboxChannel
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private readonly HttpClient _client;
    private readonly Uri _endpoint;

    public WebhookOutboxChannel(HttpClient client, Uri endpoint, string name = "webhook")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(endpoint);
        _client = client;
        _endpoint = endpoint;
        Name = name;
    }

    public string Name { get; }

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new StringContent(message.PayloadJson, new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
        };
        request.Headers.Add(IdempotencyHeader, message.MessageId);
        request.Headers.Add("X-Hongqi-Case", message.CaseId);
        request.Headers.Add("X-Hongqi-Attempt", message.Attempt.ToString(CultureInfo.InvariantCulture));
        using var response = await _client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{_endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }
}
