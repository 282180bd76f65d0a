using System.Text.Json.Serialization;
using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>
/// The person (or the system) sending a command: role, department (for departments and the lead) and user id; for a
/// person of a department also the display name and positions (岗位) from the token, and — acting as a deputy (代理) —
/// whom they act for.
/// </summary>
public sealed record Actor(ActorRole Role, string UserId, string? Department = null)
{
    /// <summary>Display name (姓名) from the token, when it gives one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name
    {
        get => _person?.Name;
        init => _person = PersonDetails.Of((_person ?? PersonDetails.None) with { Name = value });
    }

    /// <summary>The positions the person holds in <see cref="Department"/> (handler, reviewer, leader…); null when none are known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ValueList<string>? Positions
    {
        get => _person?.Positions;
        init => _person = PersonDetails.Of((_person ?? PersonDetails.None) with { Positions = value });
    }

    /// <summary>代理: the person this one acts for as their deputy; tasks are checked as that person's and the history says so.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OnBehalfOf
    {
        get => _person?.OnBehalfOf;
        init => _person = PersonDetails.Of((_person ?? PersonDetails.None) with { OnBehalfOf = value });
    }

    // One reference for the person's details, null for the window, the system and department tokens without a person,
    // so an actor of a case without personal tasks is no bigger than before.
    private readonly PersonDetails? _person;

    /// <summary>The person whose tasks this actor works on: the principal when acting as a deputy, else the user.</summary>
    [JsonIgnore]
    public string Person => OnBehalfOf ?? UserId;

    public bool Holds(string position) => Positions is { } p && p.Contains(position);

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

/// <summary>The details of an actor who is a person: name, positions, the principal when a deputy.</summary>
internal sealed record PersonDetails(string? Name, ValueList<string>? Positions, string? OnBehalfOf)
{
    public static PersonDetails None { get; } = new(null, null, null);

    /// <summary>Null when nothing is known, so an actor without details equals one written before details existed.</summary>
    public static PersonDetails? Of(PersonDetails details) =>
        details.Name is null && details.Positions is null && details.OnBehalfOf is null ? null : details;
}
