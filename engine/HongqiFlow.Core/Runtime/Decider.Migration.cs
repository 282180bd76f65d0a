using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Messages;
using HongqiFlow.Time;

namespace HongqiFlow.Runtime;

/// <summary>
/// Moving a running case to another version of its definition (docs/engine.md, "Migrating running cases"). The decider
/// runs on the new version: a <c>case-migrated</c> event carries the regions mapped onto it, then the due times that
/// derive from the definition are rewritten, each recorded as <c>timer-cancelled</c> / <c>timer-set</c>.
/// </summary>
internal sealed partial class Decider
{
    private static readonly TimerKind[] DefinitionTimers =
    [
        TimerKind.After, TimerKind.StepWarning, TimerKind.StepLimit, TimerKind.BranchWarning, TimerKind.BranchLimit,
        TimerKind.CaseYellow, TimerKind.CaseRed, TimerKind.StatutoryLimit,
    ];

    public CaseMigration Migrate(CompiledDefinition from, StateMapping mapping)
    {
        var state = _original;
        var to = _definition;
        CaseMigration Blocked(Message why) => new()
        {
            CaseId = state.CaseId, Version = state.Version, Class = MigrationClass.CannotMove, Why = why, RegionsBefore = state.Regions,
        };

        if (!state.IsStarted)
        {
            return Blocked(Message.Of("migration.not-started"));
        }

        if (state.DefinitionCode != from.Code || state.DefinitionVersion != from.Version || from.Code != to.Code)
        {
            return Blocked(Message.Of("migration.other-version",
                ("caseCode", state.DefinitionCode), ("caseVersion", state.DefinitionVersion), ("code", from.Code), ("version", from.Version)));
        }

        if (state.Outcome is not null)
        {
            return Blocked(Message.Of("migration.finished", ("outcome", state.Outcome)));
        }

        var consequences = new List<MigrationConsequence>();
        var used = new List<(string Key, object? Value)>();
        var regionMap = new Dictionary<string, string>(StringComparer.Ordinal);
        var oldMain = state.Regions[0];
        var mainTarget = MapState(mapping, RegionState.Main, oldMain.State, to.Main, consequences, used);
        if (mainTarget is null)
        {
            return Blocked(Message.Of("migration.no-main-state", ("state", oldMain.State), ("version", to.Version)));
        }

        if (to.Main.State(mainTarget).Final)
        {
            return Blocked(Message.Of("migration.main-final", ("state", mainTarget), ("version", to.Version)));
        }

        regionMap[RegionState.Main] = RegionState.Main;
        var regions = new List<RegionState> { oldMain with { State = mainTarget } };
        var added = new List<CompiledRegion>();
        foreach (var branch in to.Regions.Where(r => r.ParallelState == mainTarget))
        {
            var oldName = $"{oldMain.State}/{branch.Branch!.Name}";
            if (state.Region(oldName) is not { } old)
            {
                regions.Add(new RegionState(branch.Name, branch.InitialState, _now));
                added.Add(branch);
                consequences.Add(MigrationConsequence.Of("branch-added", Message.Of("migration.branch-added",
                    ("branch", new Localized(Title(branch), branch.Name)), ("initial", new Localized(branch.TitleOf(branch.InitialState), branch.InitialState)))));
                continue;
            }

            var target = MapState(mapping, oldName, old.State, branch, consequences, used);
            if (target is null)
            {
                return Blocked(Message.Of("migration.no-branch-state", ("branch", oldName), ("state", old.State), ("version", to.Version)));
            }

            regionMap[oldName] = branch.Name;
            regions.Add(old with { Region = branch.Name, State = target });
        }

        foreach (var dropped in state.Regions.Skip(1).Where(r => !regionMap.ContainsKey(r.Region)))
        {
            consequences.Add(MigrationConsequence.Of("branch-dropped",
                Message.Of("migration.branch-dropped", ("branch", dropped.Region), ("state", dropped.State), ("version", to.Version))));
        }

        Emit(CaseEventTypes.CaseMigrated, regions: new ValueList<RegionState>(regions), data: ValueMap.Of(
            ("from", $"{from.Code}@{from.Version}"),
            ("to", $"{to.Code}@{to.Version}"),
            ("fromVersion", from.Version),
            ("toVersion", to.Version),
            ("mapping", ValueMap.Of([.. used]))));
        Fold();
        foreach (var branch in added)
        {
            EnterAddedBranch(branch, consequences);
        }

        RewriteTimers(from, state, regionMap, consequences);
        Fold();
        LimitConsequences(from, state, consequences);

        foreach (var id in Current.Materials.Missing.Where(m => !state.Materials.Missing.Contains(m)))
        {
            consequences.Add(MigrationConsequence.Of("material-missing", Message.Of("migration.material-missing", ("material", new Localized(to.MaterialName(id), id)))));
        }

        foreach (var o in state.Obligations.Where(o => o.IsOpen && o.Kind == ObligationKind.Custom))
        {
            var before = from.Definition.Obligations.FirstOrDefault(d => d.Id == o.Id);
            var after = to.Definition.Obligations.FirstOrDefault(d => d.Id == o.Id);
            if (after is null || before is null || before with { At = SourceLocation.None } != after with { At = SourceLocation.None })
            {
                consequences.Add(MigrationConsequence.Of("obligation-kept", Message.Of("migration.obligation-kept", ("obligation", o.Id), ("due", Instant(o.Due)))));
            }
        }

        return new CaseMigration
        {
            CaseId = state.CaseId,
            Version = state.Version,
            Class = consequences.Count == 0 ? MigrationClass.Clean : MigrationClass.WithConsequences,
            Consequences = consequences,
            RegionsBefore = state.Regions,
            RegionsAfter = Current.Regions,
            Events = _events,
            NewState = Current,
        };
    }

    /// <summary>
    /// A branch the new version adds is entered at the migration as any branch is entered: its initial state's entry
    /// actions run now, recorded after <c>case-migrated</c> in the same append (a special procedure pauses the clock, the
    /// department's task is created, declared obligations open with their deadlines, reminders and notifications, shared
    /// data is requested), each listed as a consequence. Its due times (after, step and branch limits) are armed by
    /// <see cref="RewriteTimers"/> with the others.
    /// </summary>
    private void EnterAddedBranch(CompiledRegion region, List<MigrationConsequence> consequences)
    {
        var state = region.State(region.InitialState);
        var where = new Localized(Title(region), region.Name);
        var paused = Current.Clock.Paused;
        BranchClockOnEnter(region, state);
        Fold();
        if (!paused && Current.Clock.Paused)
        {
            consequences.Add(MigrationConsequence.Of("clock-paused", Message.Of("migration.entry.clock-paused",
                ("branch", where), ("state", new Localized(region.TitleOf(state.Name), state.Name)))));
        }

        if (state.Task is { } task && _definition.HasTasks)
        {
            CreateTask(region, state, task, null);
            consequences.Add(MigrationConsequence.Of("task-created", Message.Of("migration.entry.task",
                ("branch", where), ("state", new Localized(region.TitleOf(state.Name), state.Name)))));
        }

        foreach (var id in state.Opens)
        {
            OpenCustomObligation(id);
            Fold();
            if (Current.OpenObligation(id) is { } opened)
            {
                var name = _definition.Definition.Obligations.FirstOrDefault(o => o.Id == id)?.Name ?? id;
                consequences.Add(MigrationConsequence.Of("obligation-opened", Message.Of("migration.entry.obligation",
                    ("branch", where), ("obligation", new Localized(name, id)), ("due", Instant(opened.Due)))));
            }
        }

        foreach (var source in state.Fetch)
        {
            Emit(CaseEventTypes.FetchRequested, region: region.Name, data: ValueMap.Of(("source", source)));
            consequences.Add(MigrationConsequence.Of("fetch-requested", Message.Of("migration.entry.fetch", ("branch", where), ("source", source))));
        }

        Fold();
    }

    /// <summary>The declared target of a state, else the state of the same name; null when the new region has neither.</summary>
    private static string? MapState(StateMapping mapping, string oldRegion, string oldState, CompiledRegion region, List<MigrationConsequence> consequences, List<(string Key, object? Value)> used)
    {
        if (mapping.Target(oldRegion, oldState) is { } declared)
        {
            if (!region.HasState(declared))
            {
                return null;
            }

            used.Add((StateMapping.Key(oldRegion, oldState), declared));
            if (declared != oldState)
            {
                consequences.Add(MigrationConsequence.Of("state-mapped", Message.Of("migration.state-mapped",
                    ("region", StateMapping.RegionName(oldRegion)), ("from", oldState), ("title", region.TitleOf(declared)), ("to", declared))));
            }

            return declared;
        }

        return region.HasState(oldState) ? oldState : null;
    }

    /// <summary>
    /// The due times that derive from the definition (after, step, branch and case limits and warnings, the statutory
    /// limit) for the mapped regions on the new version. A due time whose limit did not change is kept as it was; one
    /// whose limit changed is armed for the time still to go, counted from acceptance (or the step's entry) with the
    /// pauses removed: the clock is never reset. A limit already passed under the new version, whose due time had not
    /// fired yet, falls due at the migration. Obligation, rating, procedure and instant due times are kept.
    /// </summary>
    private void RewriteTimers(CompiledDefinition from, CaseState before, Dictionary<string, string> regionMap, List<MigrationConsequence> consequences)
    {
        Fold();
        var handled = new HashSet<string>(StringComparer.Ordinal);
        var wanted = new List<(TimerKind Kind, string Region, string? State, string? Target)>();
        var clock = Current.Clock;
        foreach (var at in Current.Regions)
        {
            var region = _definition.Region(at.Region)!;
            var st = region.State(at.State);
            if (st.Final)
            {
                continue;
            }

            wanted.AddRange(st.Timers.Select(t => (TimerKind.After, at.Region, (string?)at.State, (string?)t.Target)));
            if (st.Limit is not null)
            {
                wanted.Add((TimerKind.StepWarning, at.Region, at.State, null));
                wanted.Add((TimerKind.StepLimit, at.Region, at.State, null));
            }

            if (region.Branch?.Limit is not null)
            {
                wanted.Add((TimerKind.BranchWarning, at.Region, null, null));
                wanted.Add((TimerKind.BranchLimit, at.Region, null, null));
            }
        }

        if (clock.Started && !clock.Stopped)
        {
            if (CaseLimit is not null)
            {
                wanted.Add((TimerKind.CaseYellow, DueTimerRegions.Case, null, null));
                wanted.Add((TimerKind.CaseRed, DueTimerRegions.Case, null, null));
            }

            if (StatutoryLimit is not null && !Current.Warnings.Any(w => w.Scope == CaseWarning.StatutoryScope))
            {
                wanted.Add((TimerKind.StatutoryLimit, DueTimerRegions.Case, null, null));
            }
        }

        foreach (var (kind, regionName, stateName, target) in wanted)
        {
            var old = before.Timers.FirstOrDefault(t => t.Kind == kind && regionMap.GetValueOrDefault(t.Region, t.Region == DueTimerRegions.Case ? t.Region : string.Empty) == regionName
                && (t.State is null) == (stateName is null) && (kind != TimerKind.After || t.Target == target));
            var current = Current.Timers.FirstOrDefault(t => t.Kind == kind && t.Region == regionName && t.State == stateName && (kind != TimerKind.After || t.Target == target));
            DateTimeOffset? due;
            if (kind == TimerKind.After)
            {
                var after = _definition.Region(regionName)!.State(stateName!).Timers.First(t => t.Target == target).After;
                due = DueAt(Current.Region(regionName)!.EnteredAt, after);
            }
            else if (old is not null && Signature(from, kind, old.Region, old.State) == Signature(_definition, kind, regionName, stateName))
            {
                due = old.Due;
            }
            else
            {
                due = kind == TimerKind.StatutoryLimit ? StatutoryDueFromNow() : StillToGo(kind, regionName, stateName);
                if (due is null && old is not null)
                {
                    // Passed under the new limit but not yet fired under the old one: it applies from the migration on.
                    due = _now;
                }
                else if (old is null && clock.Paused)
                {
                    // Parked while the case is paused: armed at the resume, as any parked limit is.
                    due = null;
                }
            }

            if (old is not null && old.Due != due)
            {
                consequences.Add(MigrationConsequence.Of("deadline", Message.Of("migration.deadline-moved",
                    ("timer", TimerText(kind, regionName, stateName)), ("kind", Kebab(kind)), ("where", Where(regionName, stateName)),
                    ("old", Instant(old.Due)), ("new", due is { } d ? Instant(d) : Message.Of("migration.none")))));
            }
            else if (old is null && due is { } added)
            {
                consequences.Add(MigrationConsequence.Of("deadline", Message.Of("migration.deadline-added",
                    ("timer", TimerText(kind, regionName, stateName)), ("kind", Kebab(kind)), ("where", Where(regionName, stateName)), ("due", Instant(added)))));
            }

            if (current is not null && current.Due == due)
            {
                handled.Add(current.Id);
                continue;
            }

            if (current is not null)
            {
                Emit(CaseEventTypes.TimerCancelled, region: regionName == DueTimerRegions.Case ? null : regionName, data: ValueMap.Of(("id", current.Id), ("kind", Kebab(kind))));
            }

            if (due is { } at)
            {
                SetTimer(kind, regionName, stateName, at, target);
                handled.Add(Current.Timers[^1].Id);
            }
        }

        foreach (var stale in Current.Timers.Where(t => DefinitionTimers.Contains(t.Kind) && !handled.Contains(t.Id)).ToList())
        {
            Emit(CaseEventTypes.TimerCancelled, region: stale.Region == DueTimerRegions.Case ? null : stale.Region, data: ValueMap.Of(("id", stale.Id), ("kind", Kebab(stale.Kind))));
            consequences.Add(MigrationConsequence.Of("deadline", Message.Of("migration.deadline-cancelled",
                ("timer", TimerText(stale.Kind, stale.Region, stale.State)), ("kind", Kebab(stale.Kind)), ("where", stale.Region), ("due", Instant(stale.Due)))));
        }
    }

    /// <summary>What a due time is counted from on a definition: equal signatures give the same due instant.</summary>
    private static string Signature(CompiledDefinition d, TimerKind kind, string region, string? state)
    {
        var limits = d.Definition.Item.TimeLimit;
        var limit = kind switch
        {
            TimerKind.CaseYellow or TimerKind.CaseRed => (object?)(limits is { } l ? l.Promised ?? l.Statutory : null),
            TimerKind.StatutoryLimit => limits?.Statutory,
            TimerKind.BranchWarning or TimerKind.BranchLimit => d.Region(region)?.Branch?.Limit,
            _ => d.Region(region) is { } r && state is not null && r.HasState(state) ? r.State(state).Limit : null,
        };
        return string.Create(CultureInfo.InvariantCulture, $"{limit}|{limits?.WarnAt ?? 0.75m}|{d.DayCounting}|{d.Calendar.Id}");
    }

    /// <summary>What a due time is called in a consequence (the Chinese names it; the English says its kind and place).</summary>
    private static Message TimerText(TimerKind kind, string region, string? state) => kind switch
    {
        TimerKind.CaseYellow => Message.Of("migration.timer.case-yellow"),
        TimerKind.CaseRed => Message.Of("migration.promised"),
        TimerKind.StatutoryLimit => Message.Of("migration.statutory"),
        TimerKind.BranchWarning => Message.Of("migration.timer.branch-warning", ("branch", region)),
        TimerKind.BranchLimit => Message.Of("migration.timer.branch-limit", ("branch", region)),
        TimerKind.StepWarning => Message.Of("migration.timer.step-warning", ("state", state)),
        TimerKind.StepLimit => Message.Of("migration.timer.step-limit", ("state", state)),
        TimerKind.After => Message.Of("migration.timer.after", ("state", state)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a due time of the definition"),
    };

    /// <summary>Where a due time is, in the English of a consequence: the region, and the state for a step's.</summary>
    private static string Where(string region, string? state) => state is null ? region : $"{region}:{state}";

    /// <summary>An instant as a consequence writes it: local time for the Chinese reader, ISO 8601 for the English.</summary>
    private Localized Instant(DateTimeOffset instant) => new(Format(instant), instant.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>A changed promised or statutory limit is stated; one already passed at the migration is named as such.</summary>
    private void LimitConsequences(CompiledDefinition from, CaseState before, List<MigrationConsequence> consequences)
    {
        var old = from.Definition.Item.TimeLimit;
        var now = _definition.Definition.Item.TimeLimit;
        void Compare(Message limit, Duration? a, Duration? b, Func<ClockReport, TimeSpan?> left)
        {
            // A limit is stated for cases whose clock runs: a case not yet accepted simply starts on the new one.
            if (a == b || !before.Clock.Started || before.Clock.Stopped)
            {
                return;
            }

            consequences.Add(MigrationConsequence.Of("limit", Message.Of("migration.limit",
                ("limit", limit), ("old", a?.ToString() ?? (object)Message.Of("migration.none")), ("new", b?.ToString() ?? (object)Message.Of("migration.none")))));
            if (before.Clock.Started && !before.Clock.Stopped && left(Clocks.Report(_definition, Current, _now)) is { } rest && rest < TimeSpan.Zero)
            {
                consequences.Add(MigrationConsequence.Of("overdue", Message.Of("migration.overdue", ("limit", limit))));
            }
        }

        Compare(Message.Of("migration.promised"), old?.Promised, now?.Promised, r => r.RemainingPromised);
        Compare(Message.Of("migration.statutory"), old?.Statutory, now?.Statutory, r => r.RemainingStatutory);
    }
}
