using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace HongqiFlow.Storage.Tests.Notifications;

/// <summary>A webhook receiver on a loopback port: answers each request with the status the test chooses and deduplicates by Idempotency-Key.</summary>
public sealed class LoopbackReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<string, int, HttpStatusCode> _answer;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly Task _loop;

    /// <param name="answer">The status for a key's n-th request (1-based).</param>
    public LoopbackReceiver(Func<string, int, HttpStatusCode>? answer = null)
    {
        _answer = answer ?? ((_, _) => HttpStatusCode.OK);
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/notices/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>Bodies accepted (2xx), once per key: what a deduplicating receiver keeps.</summary>
    public ConcurrentDictionary<string, string> Accepted { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request: key, body, attempt header.</summary>
    public ConcurrentQueue<(string Key, string Body, string? Attempt, string? CaseId)> Requests { get; } = new();

    public int RequestsFor(string key) => _attempts.GetValueOrDefault(key);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // The listener throws when it is stopped mid-accept; the loop is over either way.
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var key = context.Request.Headers["Idempotency-Key"] ?? "";
            Requests.Enqueue((key, body, context.Request.Headers["X-Hongqi-Attempt"], context.Request.Headers["X-Hongqi-Case"]));
            var n = _attempts.AddOrUpdate(key, 1, (_, v) => v + 1);
            var status = _answer(key, n);
            if ((int)status is >= 200 and < 300)
            {
                Accepted.TryAdd(key, body);
            }

            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
