using Microsoft.AspNetCore.Authorization;

namespace HongqiFlow.Server.Security;

/// <summary>
/// The authorization policies; every endpoint names exactly one (or is explicitly anonymous). docs/api.md lists them
/// with the roles they admit, and the authorization matrix test checks the two agree.
/// </summary>
public static class Policies
{
    /// <summary>Definition authors: author, admin.</summary>
    public const string Authoring = "authoring";

    /// <summary>Reading definitions (the console needs items and materials): every signed-in role.</summary>
    public const string Reading = "reading";

    /// <summary>Starting cases and window actions: window, admin.</summary>
    public const string Intake = "intake";

    /// <summary>Department worklists: department:&lt;id&gt;, admin.</summary>
    public const string DepartmentWork = "department-work";

    /// <summary>Acting on and reading cases: window, department:&lt;id&gt;, supervisor, admin (what they may do is the engine's call).</summary>
    public const string CaseWork = "case-work";

    /// <summary>Supervision: metrics and bad-rating tickets: supervisor, admin.</summary>
    public const string Supervision = "supervision";

    /// <summary>Catalog export and import, the scrape endpoint: admin (the system administrator, 系统管理员).</summary>
    public const string Administration = "administration";

    /// <summary>Issuing tokens (roles), keys and policies: security-admin (安全管理员).</summary>
    public const string Security = "security";

    /// <summary>Reading and exporting the operations audit: auditor (审计管理员), and no one else.</summary>
    public const string Audit = "audit";

    /// <summary>The roles each policy admits; the department entry stands for any department:&lt;id&gt;.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Admitted { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Authoring] = [Roles.Author, Roles.Admin],
        [Reading] = [Roles.Author, Roles.Window, Roles.DepartmentPrefix, Roles.Supervisor, Roles.Admin],
        [Intake] = [Roles.Window, Roles.Admin],
        [DepartmentWork] = [Roles.DepartmentPrefix, Roles.Admin],
        [CaseWork] = [Roles.Window, Roles.DepartmentPrefix, Roles.Supervisor, Roles.Admin],
        [Supervision] = [Roles.Supervisor, Roles.Admin],
        [Administration] = [Roles.Admin],
        [Security] = [Roles.SecurityAdmin],
        [Audit] = [Roles.Auditor],
    };

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, roles) in Admitted)
        {
            options.AddPolicy(name, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.FindAll(Roles.ClaimType).Any(claim => Admits(roles, claim.Value))));
        }

        // An endpoint that forgets to name a policy is closed, never open.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAssertion(_ => false).Build();
    }

    private static bool Admits(IReadOnlyList<string> roles, string role) =>
        roles.Any(r => r == Roles.DepartmentPrefix ? role.StartsWith(Roles.DepartmentPrefix, StringComparison.Ordinal) && role.Length > r.Length : r == role);
}
