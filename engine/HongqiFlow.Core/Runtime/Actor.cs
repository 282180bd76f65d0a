namespace HongqiFlow.Runtime;

/// <summary>The person (or the system) sending a command: role, department (for departments and the lead) and user id.</summary>
public sealed record Actor(ActorRole Role, string UserId, string? Department = null)
{
    public static Actor System { get; } = new(ActorRole.System, "system");

    public static Actor Window(string userId) => new(ActorRole.Window, userId, "government-service");

    public static Actor Applicant(string userId) => new(ActorRole.Applicant, userId);

    public static Actor OfDepartment(string department, string userId) => new(ActorRole.Department, userId, department);

    public static Actor Lead(string department, string userId) => new(ActorRole.Lead, userId, department);

    public static Actor Supervisor(string userId) => new(ActorRole.Supervisor, userId);

    /// <summary>As written in <c>by:</c> and in messages: <c>window</c>, <c>department:tax</c>.</summary>
    public string RoleText => Role switch
    {
        ActorRole.Department => $"department:{Department}",
        ActorRole.Lead => $"lead:{Department}",
        _ => Role.ToString().ToLowerInvariant(),
    };
}
