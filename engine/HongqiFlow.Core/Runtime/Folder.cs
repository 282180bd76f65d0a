using System.Runtime.InteropServices;
using HongqiFlow.Definitions.Model;

namespace HongqiFlow.Runtime;

/// <summary>
/// Folds events into case state. Deliberately the only code that builds a new <see cref="CaseState"/> from an event,
/// so that <see cref="Engine.Decide"/> (which folds as it decides) and a replay cannot disagree.
/// </summary>
internal static class Folder
{
    public static CaseState Apply(CompiledDefinition definition, CaseState state, CaseEvent e) =>
        Apply(definition, state, new ReadOnlySpan<CaseEvent>(in e));

    /// <summary>
    /// Folds several events in order. The result equals folding them one by one (a replay does that), but the frequent
    /// events (moves, the clock, due times) are folded into locals and the state is copied once at the end, or before
    /// an event the switch below handles; lists that did not change are kept by reference.
    /// </summary>
    public static CaseState Apply(CompiledDefinition definition, CaseState state, ReadOnlySpan<CaseEvent> events)
    {
        var version = state.Version;
        var regions = state.Regions;
        var timers = state.Timers;
        var outcome = state.Outcome;
        var keys = state.ProcessedKeys;
        var clock = state.Clock;
        var pending = false;
        foreach (var e in events)
        {
            version = e.Sequence;
            if (!e.Regions.Equals(regions))
            {
                regions = e.Regions;

                // Timers of regions or states that are no longer active are stale; dropping them keeps the due list honest.
                timers = Keep(timers, (definition, regions), static (t, live) => IsLive(live.definition, t, live.regions));
                var main = regions.Count > 0 ? definition.Main.State(regions[0].State) : null;
                outcome = main is { Final: true } ? main.Outcome ?? main.Name : null;
            }

            if (e.IdempotencyKey.Length > 0 && !keys.Contains(e.IdempotencyKey))
            {
                keys = Add(keys, e.IdempotencyKey);
            }

            var folded = true;
            switch (e.Type)
            {
                case CaseEventTypes.ClockStarted:
                    clock = clock with { AcceptedAt = e.At };
                    break;
                case CaseEventTypes.ClockPaused:
                    clock = clock with { Pauses = Add(clock.Pauses, new PauseInterval(e.At, null, e.Data.GetString("reason") ?? string.Empty) { Region = e.Data.GetString("region") }) };
                    break;
                case CaseEventTypes.ClockResumed:
                    clock = ClosePause(clock, e.At);

                    // A procedure's max is about the pause that just ended: ended by hand, by leaving its state or by the max itself.
                    timers = Keep(timers, 0, static (t, _) => t.Kind != TimerKind.ProcedureMax);
                    break;
                case CaseEventTypes.ClockStopped:
                    clock = ClosePause(clock, e.At) with { StoppedAt = e.At };

                    // A stopped clock can no longer run late.
                    timers = Keep(timers, 0, static (t, _) => t.Kind is not (TimerKind.CaseYellow or TimerKind.CaseRed or TimerKind.InstantDayEnd
                        or TimerKind.StatutoryLimit or TimerKind.ProcedureMax));
                    break;
                case CaseEventTypes.TimerSet when e.Timer is { } timer:
                    timers = Add(Keep(timers, timer.Id, static (t, id) => t.Id != id), timer);
                    break;
                case CaseEventTypes.TimerCancelled or BuiltInEvents.Timer:
                    timers = Keep(timers, e.Data.GetString("id"), static (t, id) => t.Id != id);
                    break;
                default:
                    // An event that changes nothing beyond the regions, timers, outcome and keys (a definition event's
                    // move, a notification) folds into the locals too, unless the case has personal tasks: their
                    // pruning must see each move's regions, as a replay does.
                    folded = state.People is null && !ChangesMore(e.Type);
                    break;
            }

            // A domain event may carry case data under "data" (form fields entered at a step). The map lookup comes
            // first: it is cheaper than the built-in list and almost always settles the question.
            var data = e.Data.GetMap("data") is { } d && !BuiltInEvents.IsBuiltIn(e.Type) && definition.DeclaresEvent(e.Type) ? d : null;
            if (folded && data is null)
            {
                pending = true;
                continue;
            }

            state = !folded && e.Type == CaseEventTypes.CaseStarted
                ? Started(definition, state, e, (version, regions, timers, outcome, keys, clock))
                : state with { Version = version, Regions = regions, Timers = timers, Outcome = outcome, ProcessedKeys = keys, Clock = clock };
            if (state.People is { } people)
            {
                state = state with { People = PeopleFolder.Prune(people, regions) };
            }

            if (!folded && e.Type != CaseEventTypes.CaseStarted)
            {
                state = Other(definition, state, e);
            }

            if (data is not null)
            {
                state = state with { Data = state.Data.Merge(data) };
            }

            (regions, timers, outcome, keys, clock) = (state.Regions, state.Timers, state.Outcome, state.ProcessedKeys, state.Clock);
            pending = false;
        }

        if (!pending)
        {
            return state;
        }

        state = state with { Version = version, Regions = regions, Timers = timers, Outcome = outcome, ProcessedKeys = keys, Clock = clock };
        return state.People is { } last ? state with { People = PeopleFolder.Prune(last, regions) } : state;
    }

    /// <summary>
    /// True when folding <paramref name="e"/> into <paramref name="state"/> changes nothing beyond the version, regions,
    /// timers, outcome, idempotency keys and clock (a move, the clock, a due time, a notification).
    /// </summary>
    internal static bool ChangesOnlyTheRun(CompiledDefinition definition, CaseState state, CaseEvent e) =>
        state.People is null && !ChangesMore(e.Type) && !CarriesCaseData(definition, e);

    private static bool CarriesCaseData(CompiledDefinition definition, CaseEvent e) =>
        e.Data.GetMap("data") is not null && !BuiltInEvents.IsBuiltIn(e.Type) && definition.DeclaresEvent(e.Type);

    /// <summary>The event types <see cref="Other"/> folds: every case of its switch, and the personal-task events.</summary>
    private static bool ChangesMore(string type) => type is CaseEventTypes.CaseStarted or CaseEventTypes.CaseMigrated
        or CaseEventTypes.ObligationOpened or CaseEventTypes.ObligationFulfilled or CaseEventTypes.ObligationBreached
        or CaseEventTypes.MaterialsTolerated or CaseEventTypes.MaterialsCommitted or BuiltInEvents.Supplement or CaseEventTypes.MaterialsSubmitted
        or BuiltInEvents.DataShared or BuiltInEvents.DataRefused or BuiltInEvents.Certificate or CaseEventTypes.Notice or CaseEventTypes.Warning
        or BuiltInEvents.Rate or BuiltInEvents.Rectify or BuiltInEvents.Feedback or BuiltInEvents.VerifyRating
        or CaseEventTypes.Suspended or BuiltInEvents.ReopenBranches
        || PeopleFolder.Folds(type);

    /// <summary>The events that change more than the regions, clock and timers (<see cref="ChangesMore"/>): rarer, so plainer code.</summary>
    private static CaseState Other(CompiledDefinition definition, CaseState s, CaseEvent e) =>
        e.Type switch
        {
            CaseEventTypes.CaseStarted => Started(definition, s, e, (s.Version, s.Regions, s.Timers, s.Outcome, s.ProcessedKeys, s.Clock)),
            CaseEventTypes.CaseMigrated => Materials(definition, s with { DefinitionVersion = definition.Version }, s.Materials),
            CaseEventTypes.ObligationOpened when e.Obligation is { } o => Opened(s, o),
            CaseEventTypes.ObligationFulfilled => CloseObligation(s, e.Data.GetString("id"), ObligationStatus.Fulfilled),
            CaseEventTypes.ObligationBreached => CloseObligation(s, e.Data.GetString("id"), ObligationStatus.Breached),
            CaseEventTypes.MaterialsTolerated => Materials(definition, s, s.Materials with { Tolerated = Union(s.Materials.Tolerated, e.Data.GetStrings("materials")) }),
            CaseEventTypes.MaterialsCommitted => Materials(definition, s, s.Materials with { Committed = Union(s.Materials.Committed, e.Data.GetStrings("materials")) }),
            BuiltInEvents.Supplement or CaseEventTypes.MaterialsSubmitted => Supplemented(definition, s, e.Data.GetStrings("materials")),
            BuiltInEvents.DataShared => DataShared(definition, s, e),
            BuiltInEvents.DataRefused => DataRefused(definition, s, e),
            BuiltInEvents.Certificate => Certified(definition, s, e),
            CaseEventTypes.Notice when !s.NoticeGiven => s with { NoticeGiven = true, FirstNotice = new(e.Data.GetStrings("materials")) },
            CaseEventTypes.Warning => s with { Warnings = Add(s.Warnings, new CaseWarning(Enum.Parse<WarningLevel>(e.Data.GetString("level") ?? "Yellow", ignoreCase: true), e.Data.GetString("scope") ?? CaseWarning.CaseScope, e.At)) },
            BuiltInEvents.Rate => Rated(s, e),
            BuiltInEvents.Rectify => MarkRectification(s, e, "rectified", true),
            BuiltInEvents.Feedback => MarkRectification(s, e, "feedback", true),
            BuiltInEvents.VerifyRating => MarkRectification(s, e, "verification", e.Data.GetString("result")),
            CaseEventTypes.Suspended => s with { Suspended = true },
            BuiltInEvents.ReopenBranches => s with { Suspended = false },
            _ => PeopleFolder.Apply(s, e),
        };

    // Its own method: a lambda capturing the obligation inside the switch above made every event pay for a closure.
    private static CaseState Opened(CaseState s, Obligation o) =>
        s with { Obligations = Add(new ValueList<Obligation>(s.Obligations.Where(x => x.Id != o.Id)), o) };

    /// <summary>The case started, with the fields every event folds (<paramref name="folded"/>) set in the same copy.</summary>
    private static CaseState Started(
        CompiledDefinition definition,
        CaseState s,
        CaseEvent e,
        (long Version, ValueList<RegionState> Regions, ValueList<DueTimer> Timers, string? Outcome, ValueList<string> Keys, CaseClock Clock) folded)
    {
        var start = e.Start ?? throw new InvalidOperationException($"event #{e.Sequence} case-started carries no start");

        // One copy of the state for the whole start (it used to be three: the event's fields, the applicant, the materials).
        return s with
        {
            Version = folded.Version,
            Regions = folded.Regions,
            Timers = folded.Timers,
            Outcome = folded.Outcome,
            ProcessedKeys = folded.Keys,
            Clock = folded.Clock,
            CaseId = start.CaseId,
            Receipt = start.Receipt,
            Applicant = start.Applicant,
            Channel = e.Channel,
            Assisted = start.Assisted || e.Channel == Channel.Assisted,
            Data = start.Data,
            Materials = WithMissing(definition, CaseMaterials.None with { Submitted = Distinct(start.Submitted) }),
        };
    }

    internal static bool IsLive(CompiledDefinition definition, DueTimer t, ValueList<RegionState> regions)
    {
        if (t.Region == DueTimerRegions.Case)
        {
            return true;
        }

        foreach (var r in regions)
        {
            if (r.Region != t.Region)
            {
                continue;
            }

            if (t.State is not null)
            {
                return r.State == t.State;
            }

            // A branch-wide timer lives while the branch has not decided.
            return definition.Region(r.Region) is not { } region || !region.State(r.State).Final;
        }

        return false;
    }

    private static CaseState Materials(CompiledDefinition definition, CaseState s, CaseMaterials m) =>
        s with { Materials = WithMissing(definition, m) };

    /// <summary><paramref name="m"/> with its missing materials worked out again.</summary>
    private static CaseMaterials WithMissing(CompiledDefinition definition, CaseMaterials m)
    {
        // A plain loop: this runs on every change of materials, and the query form allocated five objects a call; the
        // list is made only when something is missing.
        List<string>? missing = null;
        foreach (var x in definition.Definition.Materials)
        {
            if (!x.Optional && (x.Shared is null || m.Refused.Contains(x.Id))
                && !m.Submitted.Contains(x.Id) && !m.Tolerated.Contains(x.Id) && !m.Committed.Contains(x.Id) && !m.Shared.Contains(x.Id))
            {
                (missing ??= []).Add(x.Id);
            }
        }

        return m with { Missing = missing is null ? ValueList<string>.Empty : new(missing) };
    }

    private static CaseState Supplemented(CompiledDefinition definition, CaseState s, IReadOnlyList<string> materials)
    {
        var m = s.Materials with
        {
            Submitted = Union(s.Materials.Submitted, materials),
            Tolerated = new(s.Materials.Tolerated.Where(x => !materials.Contains(x))),
            Committed = s.Materials.Committed,
        };
        return Materials(definition, s, m);
    }

    private static CaseState DataShared(CompiledDefinition definition, CaseState s, CaseEvent e)
    {
        var source = e.Data.GetString("source") ?? string.Empty;
        var record = e.Data.GetMap("record") ?? ValueMap.Empty;
        var shared = definition.Definition.Materials.Where(m => m.Shared == source).Select(m => m.Id).ToList();
        s = s with { Data = s.Data.With(source, record) };
        return Materials(definition, s, s.Materials with { Shared = Union(s.Materials.Shared, shared) });
    }

    private static CaseState Certified(CompiledDefinition definition, CaseState s, CaseEvent e)
    {
        var d = e.Data;
        var material = d.GetString("material") ?? string.Empty;
        var reference = new CertificateReference(material, d.GetString("type") ?? string.Empty, d.GetString("name"), d.GetString("identifier") ?? string.Empty,
            d.GetString("issuer") ?? string.Empty, d.GetString("issuerCode") ?? string.Empty, d.GetString("trust") ?? string.Empty, d.GetString("source"), e.At);
        s = Supplemented(definition, s, [material]);
        return s with { Materials = s.Materials with { Certificates = Add(s.Materials.Certificates, reference) } };
    }

    private static CaseState DataRefused(CompiledDefinition definition, CaseState s, CaseEvent e)
    {
        var source = e.Data.GetString("source") ?? string.Empty;
        var refused = definition.Definition.Materials.Where(m => m.Shared == source).Select(m => m.Id);
        return Materials(definition, s, s.Materials with { Refused = Union(s.Materials.Refused, refused) });
    }

    private static CaseClock ClosePause(CaseClock clock, DateTimeOffset at)
    {
        if (!clock.Paused)
        {
            return clock;
        }

        var pauses = clock.Pauses.ToList();
        pauses[^1] = pauses[^1] with { To = at };
        return clock with { Pauses = new(pauses) };
    }

    private static CaseState CloseObligation(CaseState s, string? id, ObligationStatus status)
    {
        var obligations = s.Obligations.Select(o => o.Id == id && o.IsOpen ? o with { Status = status } : o);
        var timers = s.Timers.Where(t => !(t.Kind is TimerKind.ObligationDue or TimerKind.ObligationReminder && t.Target == id));
        return s with { Obligations = new(obligations), Timers = new(timers) };
    }

    private static CaseState Rated(CaseState s, CaseEvent e)
    {
        var rating = new CaseRating((int)(e.Data.TryGetValue("level", out var l) && l is decimal d ? d : 0m), e.Data.GetString("comment"), e.At, e.Data.GetString("defaulted") == "true")
        {
            Stage = e.Data.GetString("stage") ?? CaseRating.Stages.Finished,
            Channel = e.Data.GetString("channel"),
            Category = e.Data.GetString("category"),
        };
        return s with { Rating = rating, Ratings = Add(new ValueList<CaseRating>(s.AllRatings), rating) };
    }

    /// <summary>Records a step of the rectification (核实, 整改, 回访) in the open obligation's details, with its note and when.</summary>
    private static CaseState MarkRectification(CaseState s, CaseEvent e, string flag, object? value)
    {
        var obligations = s.Obligations.Select(o =>
        {
            if (o.Id != Obligation.RectificationId || !o.IsOpen)
            {
                return o;
            }

            var details = o.Details.With(flag, value).With(flag + "Note", e.Data.GetString("note")).With(flag + "At", e.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            if (e.Type == BuiltInEvents.Feedback && e.Data.GetString("method") is { } method)
            {
                details = details.With("feedbackMethod", method);
            }

            if (e.Type == BuiltInEvents.Feedback && e.Data.TryGetValue("satisfied", out var satisfied) && satisfied is bool)
            {
                details = details.With("feedbackSatisfied", satisfied);
            }

            return o with { Details = details };
        });
        return s with { Obligations = new(obligations) };
    }

    private static ValueList<T> Add<T>(ValueList<T> list, T item)
    {
        var items = new T[list.Count + 1];
        for (var i = 0; i < list.Count; i++)
        {
            items[i] = list[i];
        }

        items[^1] = item;
        return new(ImmutableCollectionsMarshal.AsImmutableArray(items));
    }

    /// <summary>The list without repeated ids (first kept); the same list when nothing repeats, as is usual.</summary>
    private static ValueList<string> Distinct(ValueList<string> ids)
    {
        for (var i = 1; i < ids.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(ids[i], ids[j], StringComparison.Ordinal))
                {
                    return new(ids.Distinct(StringComparer.Ordinal));
                }
            }
        }

        return ids;
    }

    /// <summary>The items <paramref name="keep"/> accepts; the same list, not a copy, when it accepts them all.</summary>
    private static ValueList<T> Keep<T, TArg>(ValueList<T> list, TArg arg, Func<T, TArg, bool> keep)
    {
        var count = 0;
        foreach (var item in list)
        {
            if (keep(item, arg))
            {
                count++;
            }
        }

        if (count == list.Count)
        {
            return list;
        }

        var kept = new T[count];
        var k = 0;
        foreach (var item in list)
        {
            if (keep(item, arg))
            {
                kept[k++] = item;
            }
        }

        return new(ImmutableCollectionsMarshal.AsImmutableArray(kept));
    }

    private static ValueList<string> Union(ValueList<string> list, IEnumerable<string> more) =>
        new(list.Concat(more).Distinct(StringComparer.Ordinal));
}
