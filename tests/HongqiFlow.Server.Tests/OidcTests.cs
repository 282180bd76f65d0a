using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using HongqiFlow.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HongqiFlow.Server.Tests;

/// <summary>
/// Tokens of the province's identity platform: a JWKS served on the loopback address by the test, a mapping of the
/// provider's claims, key rotation, and the tokens that must be refused.
/// </summary>
public sealed class OidcTests : IAsyncLifetime
{
    private const string Issuer = "https://tyrz.example.gov.cn/oidc";
    private const string Audience = "hongqiflow";

    private readonly SigningKey _first = new("k-2026-1");
    private readonly SigningKey _second = new("k-2026-2");
    private WebApplication? _jwks;
    private List<SigningKey> _published = [];
    private ServerFixture? _server;

    private ServerFixture Server => _server!;

    public async Task InitializeAsync()
    {
        _published = [_first];
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _jwks = builder.Build();
        _jwks.MapGet("/jwks", () => Results.Text(JsonSerializer.Serialize(new { keys = _published.Select(k => k.Jwk()).ToArray() }), "application/json"));
        await _jwks.StartAsync();
        _server = new ServerFixture
        {
            Settings = new Dictionary<string, string?>
            {
                ["Hongqi:Oidc:Issuer"] = Issuer,
                ["Hongqi:Oidc:JwksUri"] = _jwks.Urls.Single() + "/jwks",
                ["Hongqi:Oidc:Audience"] = Audience,
                ["Hongqi:Oidc:KeyRefreshInterval"] = "00:00:01",
                ["Hongqi:Oidc:KeyRefreshMinimum"] = "00:00:00",
                ["Hongqi:Oidc:Claims:Role"] = "groups",
                ["Hongqi:Oidc:Claims:Department"] = "dept",
                ["Hongqi:Oidc:Claims:Positions"] = "gw",
                ["Hongqi:Oidc:Claims:Name"] = "xm",
                ["Hongqi:Oidc:Roles:ckry"] = "window",
            },
        };
    }

    public async Task DisposeAsync()
    {
        _server?.Dispose();
        if (_jwks is not null)
        {
            await _jwks.DisposeAsync();
        }
    }

    [Fact]
    public async Task ProviderToken_IsAcceptedWithItsClaimsMapped()
    {
        var response = await Get(Mint(_first));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = await response.Json();
        me.GetProperty("id").GetString().ShouldBe("330102199001011234-u");
        me.GetProperty("name").GetString().ShouldBe("王芳");
        me.GetProperty("departments").EnumerateArray().Select(d => d.GetString()).ShouldBe(["market"]);
        me.GetProperty("positions").EnumerateArray().Select(d => d.GetString()).ShouldBe(["handler", "reviewer"]);

        // The server's own tokens work on beside the provider's.
        (await Server.As("department:market").GetAsync("/api/people/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ProviderToken_UnknownRoleValue_GivesNoRole()
    {
        var response = await Get(Mint(_first, groups: ["sysadmin-of-another-system"], department: null));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TokensThatMustBeRefused_AreRefused()
    {
        (await Get(Mint(_first))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Get(Mint(_first, issuer: "https://another-idp.example.com"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Get(Mint(_first, expires: DateTime.UtcNow.AddMinutes(-5)))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Get(Mint(_first, audience: "another-client"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Get(Mint(new SigningKey("never-published")))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // The public development key cannot mint a token in the provider's name.
        var development = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(JwtSettings.DevelopmentKey));
        (await Get(Mint(_first, credentials: new SigningCredentials(development, SecurityAlgorithms.HmacSha256)))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task KeyRotation_NewKeyIsFetchedOnFirstUse_RetiredKeyIsRefusedOnceTheKeysAreFetchedAgain()
    {
        (await Get(Mint(_first))).StatusCode.ShouldBe(HttpStatusCode.OK);

        _published = [_first, _second];
        (await Get(Mint(_second))).StatusCode.ShouldBe(HttpStatusCode.OK, "a token naming a key not fetched yet fetches the keys first");

        _published = [_second];
        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        (await Get(Mint(_first))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the retired key is gone after the refresh interval");
        (await Get(Mint(_second))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("http://idp.example.gov.cn/jwks", "00:00:30", "must be an absolute https address")]
    [InlineData("https://idp.example.gov.cn/jwks", "00:10:00", "ClockSkew is 00:10:00")]
    public void Validate_UnsafeSettings_AreRefusedNamingTheSetting(string jwks, string skew, string reason)
    {
        var options = new OidcOptions { Issuer = Issuer, JwksUri = jwks, ClockSkew = TimeSpan.Parse(skew, System.Globalization.CultureInfo.InvariantCulture) };

        Should.Throw<InvalidOperationException>(() => OidcSetup.Validate(options)).Message.ShouldContain(reason);
        Should.Throw<InvalidOperationException>(() => OidcSetup.Validate(new OidcOptions { Issuer = Issuer })).Message.ShouldContain("set both Issuer and JwksUri");
        Should.Throw<InvalidOperationException>(() => OidcSetup.Validate(new OidcOptions { Issuer = Issuer, JwksUri = "https://idp/jwks", Roles = { ["x"] = "root" } }))
            .Message.ShouldContain("Hongqi:Oidc:Roles:x");
    }

    private async Task<HttpResponseMessage> Get(string token)
    {
        using var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/people/me");
    }

    private static string Mint(
        SigningKey key, string issuer = Issuer, string audience = Audience, DateTime? expires = null, string[]? groups = null, string? department = "market",
        SigningCredentials? credentials = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "330102199001011234-u",
            ["xm"] = "王芳",
            ["groups"] = groups ?? ["ckry"],
            ["gw"] = new[] { "handler", "reviewer" },
        };
        if (department is not null)
        {
            claims["dept"] = department;
        }

        var end = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = end.AddMinutes(-20),
            NotBefore = end.AddMinutes(-20),
            Expires = end,
            SigningCredentials = credentials ?? new SigningCredentials(key.Key, SecurityAlgorithms.RsaSha256),
        });
    }

    private sealed class SigningKey
    {
        private readonly RSA _rsa = RSA.Create(2048);

        public SigningKey(string id) => Key = new RsaSecurityKey(_rsa) { KeyId = id };

        public RsaSecurityKey Key { get; }

        public object Jwk()
        {
            var p = _rsa.ExportParameters(false);
            return new { kty = "RSA", use = "sig", alg = "RS256", kid = Key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) };
        }
    }
}
