using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HongqiFlow.Server.Security;

/// <summary>
/// Accepts the identity provider's tokens (<see cref="OidcOptions"/>) on the same bearer scheme as the server's own. Each
/// issuer is bound to its keys: a token naming the provider must be signed with a key from its JWKS, one naming
/// HongqiFlow with the server's key, so the public development key can never mint a provider token. The provider's
/// claims are mapped to HongqiFlow's (<c>sub</c>, <c>name</c>, <c>role</c>, <c>position</c>) once the token is valid.
/// </summary>
public static class OidcSetup
{
    public static void Add(IServiceCollection services, IConfiguration configuration, JwtSettings jwt)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        if (!options.Enabled)
        {
            return;
        }

        Validate(options);
        services.AddSingleton(options);
        services.AddHttpClient(nameof(JwksConfigurationManager), client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton(provider => new JwksConfigurationManager(options,
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(JwksConfigurationManager)),
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<JwksConfigurationManager>>()));
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<JwksConfigurationManager>((bearer, keys) => Configure(bearer, keys, options, jwt));
    }

    /// <summary>Refuses a half or unsafe configuration at start, naming the setting.</summary>
    public static void Validate(OidcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.JwksUri))
        {
            throw new InvalidOperationException($"{OidcOptions.Section}: set both Issuer and JwksUri (or neither)");
        }

        if (options.Issuer == JwtSettings.Issuer)
        {
            throw new InvalidOperationException($"{OidcOptions.Section}:Issuer must not be '{JwtSettings.Issuer}', the issuer of the server's own tokens");
        }

        if (!Uri.TryCreate(options.JwksUri, UriKind.Absolute, out var jwks) || !(jwks.Scheme == Uri.UriSchemeHttps || (jwks.Scheme == Uri.UriSchemeHttp && IsLoopback(jwks))))
        {
            throw new InvalidOperationException($"{OidcOptions.Section}:JwksUri '{options.JwksUri}' must be an absolute https address (http only on the loopback address)");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > OidcOptions.MaximumClockSkew)
        {
            throw new InvalidOperationException($"{OidcOptions.Section}:ClockSkew is {options.ClockSkew}; it must be between 0 and {OidcOptions.MaximumClockSkew}");
        }

        if (options.KeyRefreshInterval <= TimeSpan.Zero || options.KeyRefreshMinimum < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{OidcOptions.Section}:KeyRefreshInterval must be positive and KeyRefreshMinimum not negative");
        }

        foreach (var (external, role) in options.Roles)
        {
            if (!Roles.IsKnown(role))
            {
                throw new InvalidOperationException($"{OidcOptions.Section}:Roles:{external} is '{role}', not a HongqiFlow role (author, window, department:<id>, supervisor, admin)");
            }
        }
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));

    private static void Configure(JwtBearerOptions bearer, JwksConfigurationManager keys, OidcOptions options, JwtSettings jwt)
    {
        bearer.ConfigurationManager = keys;
        bearer.RefreshOnIssuerKeyNotFound = true;
        var parameters = bearer.TokenValidationParameters;
        parameters.ValidIssuers = [JwtSettings.Issuer, options.Issuer!];
        parameters.ClockSkew = options.ClockSkew;
        parameters.ValidateIssuerSigningKey = true;
        parameters.IssuerSigningKeyValidator = (key, token, _) => token.Issuer == options.Issuer
            ? key is not SymmetricSecurityKey
            : key is SymmetricSecurityKey symmetric && symmetric.Key.AsSpan().SequenceEqual(jwt.SigningKey.Key);
        parameters.AudienceValidator = (audiences, token, _) => token.Issuer == options.Issuer
            ? options.Audience is null || audiences.Contains(options.Audience, StringComparer.Ordinal)
            : audiences.Contains(JwtSettings.Audience, StringComparer.Ordinal);
        bearer.Events ??= new JwtBearerEvents();
        var received = bearer.Events.OnMessageReceived;
        bearer.Events.OnMessageReceived = async context =>
        {
            await received(context);
            var token = context.Token ?? BearerToken(context.Request.Headers.Authorization.ToString());
            if (token is not null && Peek(token) is { } peeked && peeked.Issuer == options.Issuer && peeked.Kid is { Length: > 0 } kid && !keys.Knows(kid))
            {
                // A key not fetched yet: the provider rotated. The keys are fetched before this token is checked.
                keys.RequestRefresh();
            }
        };
        var next = bearer.Events.OnTokenValidated;
        bearer.Events.OnTokenValidated = async context =>
        {
            if (context.SecurityToken?.Issuer == options.Issuer && context.Principal is { } principal)
            {
                context.Principal = Map(principal, options);
            }

            await next(context);
        };
    }

    private static string? BearerToken(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;

    /// <summary>The token's unverified header and issuer, only to decide whether its key must be fetched.</summary>
    private static JsonWebToken? Peek(string token)
    {
        try
        {
            return new JsonWebTokenHandler().CanReadToken(token) ? new JsonWebToken(token) : null;
        }
        catch (ArgumentException)
        {
            // SecurityTokenMalformedException is one.
            return null;
        }
    }

    /// <summary>The provider's claims as HongqiFlow's; roles it does not map and HongqiFlow does not know are left out.</summary>
    public static ClaimsPrincipal Map(ClaimsPrincipal principal, OidcOptions options)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(options);
        var names = options.Claims;
        var claims = new List<Claim>();
        if (principal.FindFirst(names.UserId)?.Value is { Length: > 0 } user)
        {
            claims.Add(new Claim(Caller.UserClaim, user));
        }

        if (principal.FindFirst(names.Name)?.Value is { Length: > 0 } name)
        {
            claims.Add(new Claim(Caller.NameClaim, name));
        }

        var roles = principal.FindAll(names.Role).Select(c => options.Roles.TryGetValue(c.Value, out var mapped) ? mapped : c.Value)
            .Concat(principal.FindAll(names.Department).Where(c => c.Value.Length > 0).Select(c => Roles.Department(c.Value)))
            .Where(Roles.IsKnown)
            .Distinct(StringComparer.Ordinal);
        claims.AddRange(roles.Select(r => new Claim(Roles.ClaimType, r)));
        claims.AddRange(principal.FindAll(names.Positions).Select(c => c.Value).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)
            .Select(p => new Claim(Caller.PositionClaim, p)));
        claims.Add(new Claim("iss", options.Issuer!));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, JwtBearerDefaults.AuthenticationScheme, Caller.UserClaim, Roles.ClaimType));
    }
}
