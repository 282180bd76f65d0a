namespace HongqiFlow.Server.Security;

/// <summary>
/// The roles a bearer token carries (claim <see cref="ClaimType"/>): <c>author</c>, <c>window</c>,
/// <c>department:&lt;id&gt;</c>, <c>supervisor</c>, <c>admin</c>.
/// </summary>
public static class Roles
{
    public const string ClaimType = "role";
    public const string Author = "author";
    public const string Window = "window";
    public const string DepartmentPrefix = "department:";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static string Department(string id) => DepartmentPrefix + id;

    /// <summary>True for the five role forms; a department role needs an id.</summary>
    public static bool IsKnown(string role) =>
        role is Author or Window or Supervisor or Admin
        || (role.StartsWith(DepartmentPrefix, StringComparison.Ordinal) && role.Length > DepartmentPrefix.Length);
}
