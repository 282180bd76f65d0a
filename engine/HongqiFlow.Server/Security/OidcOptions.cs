namespace HongqiFlow.Server.Security;

/// <summary>
/// The province's identity platform (统一身份认证), an OpenID Connect provider whose tokens the server accepts besides its
/// own (<c>hongqi token</c>). Section <c>Hongqi:Oidc</c>; off unless <see cref="Issuer"/> and <see cref="JwksUri"/> are set.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Hongqi:Oidc";

    /// <summary>The longest clock skew accepted: a larger one would let expired tokens in for longer than a session lasts.</summary>
    public static readonly TimeSpan MaximumClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The provider's issuer (the <c>iss</c> of its tokens), exactly.</summary>
    public string? Issuer { get; set; }

    /// <summary>Where the provider publishes its signing keys (JWKS); https unless on the loopback address.</summary>
    public string? JwksUri { get; set; }

    /// <summary>The audience (<c>aud</c>) its tokens must name, usually the client id registered for HongqiFlow; none: not checked.</summary>
    public string? Audience { get; set; }

    /// <summary>How long fetched keys are used before they are fetched again.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A token signed with a key not yet fetched fetches the keys again, at most this often (key rotation).</summary>
    public TimeSpan KeyRefreshMinimum { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock difference tolerated on <c>exp</c> and <c>nbf</c>, at most <see cref="MaximumClockSkew"/>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Which of the provider's claims carry what HongqiFlow needs.</summary>
    public OidcClaimMapping Claims { get; set; } = new();

    /// <summary>The provider's role values and the HongqiFlow role each stands for (e.g. <c>"ckry": "window"</c>); HongqiFlow role names pass as they are.</summary>
    public Dictionary<string, string> Roles { get; set; } = new(StringComparer.Ordinal);

    public bool Enabled => !string.IsNullOrWhiteSpace(Issuer) || !string.IsNullOrWhiteSpace(JwksUri);
}

/// <summary>Claim names in the provider's tokens (section <c>Hongqi:Oidc:Claims</c>); a claim may hold one value or an array.</summary>
public sealed class OidcClaimMapping
{
    public string UserId { get; set; } = "sub";

    public string Name { get; set; } = "name";

    public string Role { get; set; } = "roles";

    /// <summary>Each value becomes the role <c>department:&lt;value&gt;</c>.</summary>
    public string Department { get; set; } = "department";

    public string Positions { get; set; } = "positions";
}
