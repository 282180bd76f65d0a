using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HongqiFlow.Server.Security;

/// <summary>Mints bearer tokens (<c>hongqi token</c>, tests). Roles are checked so a typo never yields a token that silently admits nothing.</summary>
public static class TokenIssuer
{
    public static string Mint(JwtSettings settings, string userId, IEnumerable<string> roles, DateTimeOffset now, TimeSpan lifetime) =>
        Mint(settings, userId, roles, now, lifetime, null, []);

    /// <summary>A person's token: besides the roles, the display name (<c>name</c>) and positions (<c>position</c>, 岗位) in their department.</summary>
    public static string Mint(JwtSettings settings, string userId, IEnumerable<string> roles, DateTimeOffset now, TimeSpan lifetime, string? name, IEnumerable<string> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var roleList = roles.ToList();
        if (roleList.Count == 0)
        {
            throw new ArgumentException("a token needs at least one role: " + Roles.Known);
        }

        foreach (var role in roleList.Where(r => !Roles.IsKnown(r)))
        {
            throw new ArgumentException($"unknown role '{role}': use {Roles.Known}");
        }

        if (Roles.SeparatedAmong(roleList) is { Count: > 1 } separated)
        {
            throw new ArgumentException(Roles.TwoSeparatedRoles(separated));
        }

        var claims = new List<Claim> { new(Caller.UserClaim, userId) };
        claims.AddRange(roleList.Select(r => new Claim(Roles.ClaimType, r)));
        if (!string.IsNullOrWhiteSpace(name))
        {
            claims.Add(new Claim(Caller.NameClaim, name));
        }

        claims.AddRange(positions.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal).Select(p => new Claim(Caller.PositionClaim, p)));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = JwtSettings.Issuer,
            Audience = JwtSettings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddMinutes(-1),
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
