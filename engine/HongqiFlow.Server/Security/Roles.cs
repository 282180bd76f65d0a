using HongqiFlow.Messages;

namespace HongqiFlow.Server.Security;

/// <summary>
/// The roles a bearer token carries (claim <see cref="ClaimType"/>): <c>author</c>, <c>window</c>,
/// <c>department:&lt;id&gt;</c>, <c>supervisor</c>, and the three separated administrators (三员管理): <c>admin</c>
/// (the system administrator, 系统管理员), <c>security-admin</c> (安全管理员) and <c>auditor</c> (审计管理员).
/// </summary>
public static class Roles
{
    public const string ClaimType = "role";
    public const string Author = "author";
    public const string Window = "window";
    public const string DepartmentPrefix = "department:";
    public const string Supervisor = "supervisor";

    /// <summary>The system administrator (系统管理员): configuration, catalog import and export, operations; never the audit.</summary>
    public const string Admin = "admin";

    /// <summary>The security administrator (安全管理员): roles and tokens, keys, policies; never the audit.</summary>
    public const string SecurityAdmin = "security-admin";

    /// <summary>The auditor (审计管理员): reads the operations audit, and nothing else.</summary>
    public const string Auditor = "auditor";

    /// <summary>The three separated administrator roles: no token may carry two of them.</summary>
    public static readonly IReadOnlyList<string> Separated = [Admin, SecurityAdmin, Auditor];

    public static string Department(string id) => DepartmentPrefix + id;

    /// <summary>True for the seven role forms; a department role needs an id.</summary>
    public static bool IsKnown(string role) =>
        role is Author or Window or Supervisor or Admin or SecurityAdmin or Auditor
        || (role.StartsWith(DepartmentPrefix, StringComparison.Ordinal) && role.Length > DepartmentPrefix.Length);

    /// <summary>The separated administrator roles among <paramref name="roles"/>; more than one is refused everywhere.</summary>
    public static IReadOnlyList<string> SeparatedAmong(IEnumerable<string> roles) =>
        [.. roles.Where(Separated.Contains).Distinct(StringComparer.Ordinal)];

    /// <summary>The refusal of a token that holds two separated roles (三员管理), in English and Chinese.</summary>
    public static Message TwoSeparatedRolesMessage(IReadOnlyList<string> held) =>
        Message.Of("security.two-separated-roles", ("roles", string.Join(", ", held)));

    /// <summary>The English refusal of a token that holds two separated roles.</summary>
    public static string TwoSeparatedRoles(IReadOnlyList<string> held) => TwoSeparatedRolesMessage(held).English;

    /// <summary>The roles a person can be given, for messages.</summary>
    public const string Known = "author, window, department:<id>, supervisor, admin, security-admin or auditor";
}
