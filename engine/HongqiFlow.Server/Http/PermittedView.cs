using HongqiFlow.Runtime;

namespace HongqiFlow.Server.Http;

/// <summary>An event the caller may send now, as JSON.</summary>
public sealed record PermittedView(string Event, string Region, string? Target, string? Title)
{
    public static PermittedView From(PermittedEvent permitted)
    {
        ArgumentNullException.ThrowIfNull(permitted);
        return new PermittedView(permitted.Event, permitted.Region, permitted.Target, permitted.Title);
    }
}
