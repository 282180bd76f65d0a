using System.Collections.Concurrent;

namespace HongqiFlow.Server.People;

/// <summary>代理: a person's deputy for a period, with the principal's department and positions at the time it was named.</summary>
public sealed record Deputy(string Principal, string? PrincipalName, IReadOnlyList<string> Departments, IReadOnlyList<string> Positions, string DeputyId, DateTimeOffset From, DateTimeOffset Until)
{
    public bool ActiveAt(DateTimeOffset now) => From <= now && now < Until;
}

/// <summary>
/// Who deputises for whom (代理). Held by the server process: a deputy named on one node is not seen by another and
/// does not survive a restart (recorded as not done in docs/api.md). What a deputy does is in the case history, where
/// each event carries the deputy as the actor and the principal as <c>onBehalfOf</c>.
/// </summary>
public sealed class DeputyRegistry
{
    private readonly ConcurrentDictionary<string, Deputy> _byPrincipal = new(StringComparer.Ordinal);

    public Deputy? Of(string principal) => _byPrincipal.TryGetValue(principal, out var d) ? d : null;

    public void Name(Deputy deputy)
    {
        ArgumentNullException.ThrowIfNull(deputy);
        _byPrincipal[deputy.Principal] = deputy;
    }

    public bool Remove(string principal) => _byPrincipal.TryRemove(principal, out _);

    /// <summary>The principals <paramref name="deputyId"/> acts for at <paramref name="now"/>.</summary>
    public IReadOnlyList<Deputy> PrincipalsOf(string deputyId, DateTimeOffset now) =>
        [.. _byPrincipal.Values.Where(d => d.DeputyId == deputyId && d.ActiveAt(now)).OrderBy(d => d.Principal, StringComparer.Ordinal)];
}
