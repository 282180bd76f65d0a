using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HongqiFlow.Server.Tests;

/// <summary>A data source's exchange endpoint on 127.0.0.1 (a real Kestrel listener): each POST is answered by <see cref="Answer"/> and kept.</summary>
internal sealed class LoopbackDataSource : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackDataSource(WebApplication app) => _app = app;

    /// <summary>Answers a request (its path and JSON body) and may wait first; 200 with a JSON object by default.</summary>
    public Func<string, JsonElement, CancellationToken, Task<IResult>> Answer { get; set; } =
        (_, _, _) => Task.FromResult(Results.Json(new { match = true }));

    public ConcurrentQueue<(string Path, JsonElement Body, string? ApiKey)> Requests { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<LoopbackDataSource> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var source = new LoopbackDataSource(app);
        app.MapPost("/{**path}", async (HttpContext http, CancellationToken ct) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
            var element = body.RootElement.Clone();
            source.Requests.Enqueue((http.Request.Path.Value ?? string.Empty, element, http.Request.Headers["X-Api-Key"].FirstOrDefault()));
            try
            {
                return await source.Answer(http.Request.Path.Value ?? string.Empty, element, ct);
            }
            catch (OperationCanceledException)
            {
                return Results.StatusCode(499);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        source.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return source;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
