using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HongqiFlow.Server.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HongqiFlow.Server.Tests;

/// <summary>One server over a temporary SQLite folder and the repository's catalog, shared by a test class.</summary>
public sealed class ServerFixture : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _ownData = Path.Combine(Path.GetTempPath(), "hongqi-server-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Read every case into the supervision records at start (<c>Hongqi:SupervisionWarmUp</c>); off in tests unless one
    /// is about it, so no background reading races a test that counts reads.
    /// </summary>
    public bool SupervisionWarmUp { get; init; }

    /// <summary>The SQLite folder; a fresh one of its own (deleted afterwards) when null.</summary>
    public string? DataFolder { get; init; }

    private string Data => DataFolder ?? _ownData;

    public int ProgressPermitsPerMinute { get; init; } = 1000;

    /// <summary>The web app folder; none when null.</summary>
    public string? Web { get; init; }

    /// <summary>A PostgreSQL connection string; the SQLite folder when null.</summary>
    public string? Store { get; init; }

    /// <summary>Further settings (e.g. <c>Hongqi:DataSharing:…</c>), applied last.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Hongqi:Data", Data);
        builder.UseSetting("Hongqi:Definitions", Repository.Path("definitions"));
        builder.UseSetting("Hongqi:Web", Web ?? Path.Combine(Data, "no-web-app"));
        if (Store is not null)
        {
            builder.UseSetting("Hongqi:Store", Store);
        }

        builder.UseSetting("Hongqi:SupervisionWarmUp", SupervisionWarmUp ? "true" : "false");
        builder.UseSetting("Hongqi:ProgressPermitsPerMinute", ProgressPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public static string Token(string role, string user = "tester") =>
        TokenIssuer.Mint(new JwtSettings(JwtSettings.DevelopmentKey, true), user, [role], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    public HttpClient As(string? role, string user = "tester")
    {
        var client = CreateClient();
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, user));
        }

        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            if (DataFolder is null)
            {
                Directory.Delete(_ownData, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}

internal static class HttpExtensions
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }
}
