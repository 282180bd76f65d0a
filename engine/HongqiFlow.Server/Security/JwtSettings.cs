using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace HongqiFlow.Server.Security;

/// <summary>
/// The signing key, issuer and audience of bearer tokens, from configuration <c>Hongqi:Jwt:Key</c> (at least 32
/// characters). Without one a documented development key is used, and the server says so loudly at start.
/// </summary>
public sealed record JwtSettings(string Key, bool IsDevelopmentKey)
{
    public const string KeySetting = "Hongqi:Jwt:Key";
    public const string Issuer = "hongqiflow";
    public const string Audience = "hongqiflow-api";

    /// <summary>Public on purpose (docs/api.md): tokens signed with it are worthless outside development.</summary>
    public const string DevelopmentKey = "hongqiflow-development-key-do-not-use-in-production";

    public SymmetricSecurityKey SigningKey => new(Encoding.UTF8.GetBytes(Key));

    public static JwtSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(key))
        {
            return new JwtSettings(DevelopmentKey, true);
        }

        if (Encoding.UTF8.GetByteCount(key) < 32)
        {
            throw new InvalidOperationException($"{KeySetting} must be at least 32 bytes long (HMAC-SHA256); it has {Encoding.UTF8.GetByteCount(key)}");
        }

        // The public key configured explicitly is still the public key (ServerHost refuses it outside Development).
        return new JwtSettings(key, key == DevelopmentKey);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey,
        RoleClaimType = Roles.ClaimType,
        NameClaimType = Caller.UserClaim,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
