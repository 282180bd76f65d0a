using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>Folds the personal-task events into <see cref="CaseState.People"/>; called by <see cref="Folder"/> only.</summary>
internal static class PeopleFolder
{
    /// <summary>Tasks whose region left their step are gone (moved on, sent back, joined, timed out); the list is kept when nothing changed.</summary>
    public static PeopleState Prune(PeopleState people, ValueList<RegionState> regions)
    {
        if (people.Tasks.Count == 0)
        {
            return people;
        }

        var keep = true;
        foreach (var t in people.Tasks)
        {
            keep &= Live(t, regions);
        }

        return keep ? people : people with { Tasks = new(people.Tasks.Where(t => Live(t, regions))) };
    }

    private static bool Live(CaseTask task, ValueList<RegionState> regions)
    {
        foreach (var r in regions)
        {
            if (r.Region == task.Region)
            {
                return r.State == task.State;
            }
        }

        return false;
    }

    /// <summary>
    /// Folds a personal-task event; any other event leaves the state as it is. The check comes first, in its own method:
    /// the switch below captures the event in closures, which would otherwise be allocated for every event folded.
    /// </summary>
    public static CaseState Apply(CaseState s, CaseEvent e) => Folds(e.Type) ? ApplyTaskEvent(s, e) : s;

    /// <summary>The event types <see cref="ApplyTaskEvent"/> folds: every case of its switch.</summary>
    public static bool Folds(string type) => type is CaseEventTypes.TaskCreated or CaseEventTypes.TaskClaimed or CaseEventTypes.TaskAssigned
        or CaseEventTypes.TaskReleased or CaseEventTypes.TaskTransferred or CaseEventTypes.TaskDelegated or CaseEventTypes.TaskResolved
        or CaseEventTypes.TaskSigned or CaseEventTypes.SignerAdded or CaseEventTypes.SignerRemoved or CaseEventTypes.TaskCompleted
        or CaseEventTypes.Urged or CaseEventTypes.SentBack or CaseEventTypes.Copied or CaseEventTypes.CopyRead;

    private static CaseState ApplyTaskEvent(CaseState s, CaseEvent e)
    {
        var region = e.Data.GetString("region") ?? RegionState.Main;
        var people = s.People ?? PeopleState.Empty;
        switch (e.Type)
        {
            case CaseEventTypes.TaskCreated:
                var task = new CaseTask
                {
                    Region = region,
                    State = e.Data.GetString("state") ?? string.Empty,
                    Department = e.Data.GetString("department") ?? string.Empty,
                    CreatedAt = e.At,
                    Holder = e.Data.GetString("holder"),
                    HolderName = e.Data.GetString("holderName"),
                    From = e.Data.GetString("from"),
                    FromPerson = e.Data.GetString("fromPerson"),
                    Signers = new(e.Data.GetStrings("signers").Select(SignerOf)),
                };
                return With(s, people with { Tasks = new(people.Tasks.Where(t => t.Region != region).Append(task)) });
            case CaseEventTypes.TaskClaimed or CaseEventTypes.TaskAssigned:
                var to = e.Data.GetString(e.Type == CaseEventTypes.TaskClaimed ? "person" : "to");
                return Update(s, people, region, t => Hand(t, to, e.Data.GetString("name")) with { Acted = true });
            case CaseEventTypes.TaskReleased:
                return Update(s, people, region, t => Hand(t, null, null));
            case CaseEventTypes.TaskTransferred:
                var transferred = Mark(people, "transfer", e.Data.GetString("from") ?? e.Actor.UserId, region, e);
                return Update(With(s, transferred), transferred, region, t =>
                {
                    var moved = Hand(t, e.Data.GetString("to"), e.Data.GetString("name")) with { Acted = true, Transfers = t.Transfers + 1 };
                    return e.Data.GetString("department") is { } department ? moved with { Department = department } : moved;
                });
            case CaseEventTypes.TaskDelegated:
                return Update(s, people, region, t => t with { Delegate = e.Data.GetString("to"), DelegateName = e.Data.GetString("name"), Acted = true });
            case CaseEventTypes.TaskResolved:
                return Update(s, people, region, t => t with { Delegate = null, DelegateName = null });
            case CaseEventTypes.TaskSigned:
                var index = Index(e.Data, -1);
                return Update(s, people, region, t => t with
                {
                    Acted = true,
                    Signers = new(t.Signers.Select((x, i) => i != index ? x : x with
                    {
                        Person = e.Data.GetString("person"),
                        Name = e.Data.GetString("name"),
                        Decision = e.Data.GetString("decision"),
                        At = e.At,
                        Note = e.Data.GetString("note"),
                    })),
                });
            case CaseEventTypes.SignerAdded:
                var at = Index(e.Data, 0);
                return Update(s, people, region, t =>
                {
                    var list = t.Signers.ToList();
                    list.Insert(Math.Clamp(at, 0, list.Count), SignerOf(e.Data.GetString("slot") ?? string.Empty));
                    return t with { Signers = new(list) };
                });
            case CaseEventTypes.SignerRemoved:
                var removed = Index(e.Data, -1);
                return Update(s, people, region, t => t with { Signers = new(t.Signers.Where((_, i) => i != removed)) });
            case CaseEventTypes.TaskCompleted:
                var done = new StepDone(region, e.Data.GetString("state") ?? string.Empty, e.Data.GetString("person") ?? string.Empty, e.Data.GetString("event") ?? string.Empty, e.At, e.Sequence)
                {
                    Name = e.Data.GetString("name"),
                    Since = DateTimeOffset.TryParse(e.Data.GetString("since"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var since) ? since : null,
                    Positions = new(e.Data.GetStrings("positions")),
                    Department = e.Data.GetString("department"),
                };
                return With(s, people with { Done = new(people.Done.Append(done)) });
            case CaseEventTypes.Urged:
                var urged = Mark(people, "urge", e.Data.GetString("holder") ?? "department:" + e.Data.GetString("department"), region, e);
                return Update(With(s, urged), urged, region, t => t with { Urges = t.Urges + 1 });
            case CaseEventTypes.SentBack:
                var backTo = e.Data.GetString("to");
                var last = backTo is null ? null : people.LastDone(region, backTo);
                var back = Mark(people, "send-back", e.Data.GetString("person") ?? e.Actor.UserId, region, e);
                return With(s, last is null ? back : back with { Done = new(back.Done.Select(d => ReferenceEquals(d, last) ? d with { Returned = true } : d)) });
            case CaseEventTypes.Copied:
                var copies = e.Data.GetStrings("recipients").Select(r => new CaseCopy(r, e.Actor.UserId, e.At, e.Sequence) { Note = e.Data.GetString("note") });
                return With(s, people with { Copies = new(people.Copies.Concat(copies)) });
            case CaseEventTypes.CopyRead:
                var read = e.Data.GetStrings("recipients");
                return With(s, people with
                {
                    Copies = new(people.Copies.Select(c => c.ReadAt is null && read.Contains(c.Recipient) ? c with { ReadAt = e.At, ReadBy = e.Actor.UserId } : c)),
                });
            default:
                return s;
        }
    }

    private static PeopleState Mark(PeopleState people, string kind, string person, string region, CaseEvent e) =>
        people with { Marks = new(people.Marks.Append(new TaskMark(kind, person, region, e.Data.GetString("state") ?? e.Data.GetString("from") ?? string.Empty, e.At))) };

    private static int Index(ValueMap data, int fallback) =>
        data.TryGetValue("index", out var v) && v is decimal d ? (int)d : fallback;

    private static TaskSigner SignerOf(string slot) =>
        slot.StartsWith("person:", StringComparison.Ordinal)
            ? new TaskSigner { Slot = slot, Person = slot["person:".Length..] }
            : new TaskSigner { Slot = slot };

    private static CaseTask Hand(CaseTask t, string? to, string? name) =>
        t with
        {
            Previous = t.Holder is { } h && h != to ? new(t.Previous.Append(h)) : t.Previous,
            Holder = to,
            HolderName = to is null ? null : name,
        };

    private static CaseState With(CaseState s, PeopleState people) => s with { People = people };

    private static CaseState Update(CaseState s, PeopleState people, string region, Func<CaseTask, CaseTask> change) =>
        people.Task(region) is null
            ? s
            : With(s, people with { Tasks = new(people.Tasks.Select(t => t.Region == region ? change(t) : t)) });
}
