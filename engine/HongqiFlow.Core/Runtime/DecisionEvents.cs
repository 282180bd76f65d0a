namespace HongqiFlow.Runtime;

/// <summary>
/// The list a decision collects its events in, kept per thread between decisions: an accepted decision copies its
/// events into an array of their exact number and hands the list back, so a decision allocates no growing list.
/// A decision that does not hand its list back (a refusal, a migration that keeps it) leaves the next one a new list.
/// </summary>
internal static class DecisionEvents
{
    /// <summary>Lists that grew larger than this (a rare decision with many events) are left to the collector.</summary>
    private const int MaxKeptCapacity = 256;

    [ThreadStatic]
    private static List<CaseEvent>? t_spare;

    public static List<CaseEvent> Rent()
    {
        var list = t_spare;
        if (list is null)
        {
            return new List<CaseEvent>(16);
        }

        // Taken out while in use, so a decision made inside another on the same thread gets a list of its own.
        t_spare = null;
        return list;
    }

    public static void Return(List<CaseEvent> list)
    {
        list.Clear();
        if (list.Capacity <= MaxKeptCapacity)
        {
            t_spare = list;
        }
    }
}
