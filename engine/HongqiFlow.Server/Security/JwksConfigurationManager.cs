using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace HongqiFlow.Server.Security;

/// <summary>
/// The identity provider's signing keys, fetched from its JWKS address and cached: fetched again after
/// <see cref="OidcOptions.KeyRefreshInterval"/>, or sooner when a token names a key not yet known (a rotation), at most once per
/// <see cref="OidcOptions.KeyRefreshMinimum"/>. A failed fetch keeps the keys already known (and the server's own tokens work on).
/// </summary>
public sealed partial class JwksConfigurationManager(OidcOptions options, HttpClient http, TimeProvider time, ILogger<JwksConfigurationManager> log)
    : IConfigurationManager<OpenIdConnectConfiguration>, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _attemptedAt = DateTimeOffset.MinValue;
    private volatile bool _refreshRequested;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (!IsDue())
        {
            return _current ?? Empty();
        }

        await _gate.WaitAsync(cancel);
        try
        {
            if (IsDue())
            {
                await FetchAsync(cancel);
            }

            return _current ?? Empty();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void RequestRefresh() => _refreshRequested = true;

    public void Dispose() => _gate.Dispose();

    /// <summary>No keys yet (the first fetch failed): provider tokens are refused, the server's own still work.</summary>
    private OpenIdConnectConfiguration Empty() => new() { Issuer = options.Issuer };

    /// <summary>True when a key with this id was fetched (a token naming another key asks for a refresh first).</summary>
    public bool Knows(string keyId) => _current?.SigningKeys.Any(k => k.KeyId == keyId) == true;

    private bool IsDue()
    {
        var now = time.GetUtcNow();
        return _current is null
            ? now - _attemptedAt >= options.KeyRefreshMinimum || _attemptedAt == DateTimeOffset.MinValue
            : now - _fetchedAt >= options.KeyRefreshInterval || (_refreshRequested && now - _attemptedAt >= options.KeyRefreshMinimum);
    }

    private async Task FetchAsync(CancellationToken cancel)
    {
        _attemptedAt = time.GetUtcNow();
        _refreshRequested = false;
        try
        {
            using var response = await http.GetAsync(new Uri(options.JwksUri!), cancel);
            response.EnsureSuccessStatusCode();
            var keys = new JsonWebKeySet(await response.Content.ReadAsStringAsync(cancel));
            var configuration = new OpenIdConnectConfiguration { Issuer = options.Issuer, JwksUri = options.JwksUri, JsonWebKeySet = keys };
            foreach (var key in keys.GetSigningKeys())
            {
                configuration.SigningKeys.Add(key);
            }

            _current = configuration;
            _fetchedAt = _attemptedAt;
            LogFetched(log, configuration.SigningKeys.Count, options.JwksUri!);
        }
        catch (Exception e) when (e is HttpRequestException or ArgumentException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            LogFetchFailed(log, options.JwksUri!, e.Message);
        }
    }

    [LoggerMessage(EventId = 9201, Level = LogLevel.Information, Message = "Identity provider: {Count} signing key(s) from {JwksUri}")]
    private static partial void LogFetched(ILogger logger, int count, string jwksUri);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Warning, Message = "Identity provider: the keys at {JwksUri} could not be fetched ({Reason}); the keys known before stay in use")]
    private static partial void LogFetchFailed(ILogger logger, string jwksUri, string reason);
}
