using System.Globalization;
using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
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
        CaseMigration Blocked(string reason, string english) => new()
        {
            CaseId = state.CaseId, Version = state.Version, Class = MigrationClass.CannotMove, Reason = reason, ReasonEnglish = english, RegionsBefore = state.Regions,
        };

        if (!state.IsStarted)
        {
            return Blocked("办件尚未收件。", "The case has not been started.");
        }

        if (state.DefinitionCode != from.Code || state.DefinitionVersion != from.Version || from.Code != to.Code)
        {
            return Blocked($"办件按 {state.DefinitionCode} 第 {state.DefinitionVersion} 版办理，不是 {from.Code} 第 {from.Version} 版。",
                $"The case runs on {state.DefinitionCode} version {state.DefinitionVersion}, not {from.Code} version {from.Version}.");
        }

        if (state.Outcome is not null)
        {
            return Blocked($"办件已办结（{state.Outcome}），已办结的办件不迁移。", $"The case is finished ({state.Outcome}); a finished case never moves.");
        }

        var consequences = new List<MigrationConsequence>();
        var used = new List<(string Key, object? Value)>();
        var regionMap = new Dictionary<string, string>(StringComparer.Ordinal);
        var oldMain = state.Regions[0];
        var mainTarget = MapState(mapping, RegionState.Main, oldMain.State, to.Main, consequences, used);
        if (mainTarget is null)
        {
            return Blocked($"主流程状态“{oldMain.State}”在第 {to.Version} 版中没有对应状态，也未声明映射。",
                $"The main state '{oldMain.State}' has no counterpart in version {to.Version} and no mapping.");
        }

        if (to.Main.State(mainTarget).Final)
        {
            return Blocked($"主流程状态“{mainTarget}”在第 {to.Version} 版中是终态：迁移不办结办件。",
                $"The main state '{mainTarget}' is final in version {to.Version}: a migration never finishes a case.");
        }

        regionMap[RegionState.Main] = RegionState.Main;
        var regions = new List<RegionState> { oldMain with { State = mainTarget } };
        foreach (var branch in to.Regions.Where(r => r.ParallelState == mainTarget))
        {
            var oldName = $"{oldMain.State}/{branch.Branch!.Name}";
            if (state.Region(oldName) is not { } old)
            {
                regions.Add(new RegionState(branch.Name, branch.InitialState, _now));
                consequences.Add(new("branch-added", $"新增分支“{Title(branch)}”，自迁移时起从“{branch.TitleOf(branch.InitialState)}”开始办理。",
                    $"Branch {branch.Name} is added and starts at '{branch.InitialState}' from the migration on."));
                continue;
            }

            var target = MapState(mapping, oldName, old.State, branch, consequences, used);
            if (target is null)
            {
                return Blocked($"分支 {oldName} 的状态“{old.State}”在第 {to.Version} 版中没有对应状态，也未声明映射。",
                    $"The state '{old.State}' of branch {oldName} has no counterpart in version {to.Version} and no mapping.");
            }

            regionMap[oldName] = branch.Name;
            regions.Add(old with { Region = branch.Name, State = target });
        }

        foreach (var dropped in state.Regions.Skip(1).Where(r => !regionMap.ContainsKey(r.Region)))
        {
            consequences.Add(new("branch-dropped", $"分支 {dropped.Region}（{dropped.State}）在第 {to.Version} 版中没有，迁移后不再办理。",
                $"Branch {dropped.Region} (at '{dropped.State}') does not exist in version {to.Version} and is dropped."));
        }

        Emit(CaseEventTypes.CaseMigrated, regions: new ValueList<RegionState>(regions), data: ValueMap.Of(
            ("from", $"{from.Code}@{from.Version}"),
            ("to", $"{to.Code}@{to.Version}"),
            ("fromVersion", from.Version),
            ("toVersion", to.Version),
            ("mapping", ValueMap.Of([.. used]))));
        RewriteTimers(from, state, regionMap, consequences);
        Fold();
        LimitConsequences(from, state, consequences);

        foreach (var id in _current.Materials.Missing.Where(m => !state.Materials.Missing.Contains(m)))
        {
            consequences.Add(new("material-missing", $"新增必需材料“{to.MaterialName(id)}”，迁移后缺少。", $"The new required material {id} is missing after the move."));
        }

        foreach (var o in state.Obligations.Where(o => o.IsOpen && o.Kind == ObligationKind.Custom))
        {
            var before = from.Definition.Obligations.FirstOrDefault(d => d.Id == o.Id);
            var after = to.Definition.Obligations.FirstOrDefault(d => d.Id == o.Id);
            if (after is null || before is null || before with { At = SourceLocation.None } != after with { At = SourceLocation.None })
            {
                consequences.Add(new("obligation-kept", $"义务“{o.Id}”的规定已改变，已开启的义务仍于 {Format(o.Due)} 到期。",
                    $"The rule of obligation {o.Id} changed; the opened obligation keeps its due time {o.Due:O}."));
            }
        }

        return new CaseMigration
        {
            CaseId = state.CaseId,
            Version = state.Version,
            Class = consequences.Count == 0 ? MigrationClass.Clean : MigrationClass.WithConsequences,
            Consequences = consequences,
            RegionsBefore = state.Regions,
            RegionsAfter = _current.Regions,
            Events = _events,
            NewState = _current,
        };
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
                consequences.Add(new("state-mapped", $"{(oldRegion == RegionState.Main ? "主流程" : "分支 " + oldRegion)}由“{oldState}”映射到“{region.TitleOf(declared)}”（{declared}）。",
                    $"{oldRegion} moves from '{oldState}' to '{declared}' as the mapping declares."));
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
        var clock = _current.Clock;
        foreach (var at in _current.Regions)
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

            if (StatutoryLimit is not null && !_current.Warnings.Any(w => w.Scope == CaseWarning.StatutoryScope))
            {
                wanted.Add((TimerKind.StatutoryLimit, DueTimerRegions.Case, null, null));
            }
        }

        foreach (var (kind, regionName, stateName, target) in wanted)
        {
            var old = before.Timers.FirstOrDefault(t => t.Kind == kind && regionMap.GetValueOrDefault(t.Region, t.Region == DueTimerRegions.Case ? t.Region : string.Empty) == regionName
                && (t.State is null) == (stateName is null) && (kind != TimerKind.After || t.Target == target));
            var current = _current.Timers.FirstOrDefault(t => t.Kind == kind && t.Region == regionName && t.State == stateName && (kind != TimerKind.After || t.Target == target));
            DateTimeOffset? due;
            if (kind == TimerKind.After)
            {
                var after = _definition.Region(regionName)!.State(stateName!).Timers.First(t => t.Target == target).After;
                due = DueAt(_current.Region(regionName)!.EnteredAt, after);
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
                consequences.Add(new("deadline", $"{TimerText(kind, regionName, stateName)}的到期时间由 {Format(old.Due)} 改为 {(due is { } d ? Format(d) : "无")}。",
                    $"The {Kebab(kind)} due time of {regionName}{(stateName is null ? string.Empty : ":" + stateName)} moves from {old.Due:O} to {(due is { } e ? e.ToString("O", CultureInfo.InvariantCulture) : "none")}."));
            }
            else if (old is null && due is { } added)
            {
                consequences.Add(new("deadline", $"{TimerText(kind, regionName, stateName)}新设到期时间 {Format(added)}。",
                    $"A new {Kebab(kind)} due time for {regionName}{(stateName is null ? string.Empty : ":" + stateName)} at {added:O}."));
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
                handled.Add(_current.Timers[^1].Id);
            }
        }

        foreach (var stale in _current.Timers.Where(t => DefinitionTimers.Contains(t.Kind) && !handled.Contains(t.Id)).ToList())
        {
            Emit(CaseEventTypes.TimerCancelled, region: stale.Region == DueTimerRegions.Case ? null : stale.Region, data: ValueMap.Of(("id", stale.Id), ("kind", Kebab(stale.Kind))));
            consequences.Add(new("deadline", $"{TimerText(stale.Kind, stale.Region, stale.State)}的到期时间 {Format(stale.Due)} 在新版本中没有，已取消。",
                $"The {Kebab(stale.Kind)} due time of {stale.Region} at {stale.Due:O} has no counterpart in the new version and is cancelled."));
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

    private static string TimerText(TimerKind kind, string region, string? state) => kind switch
    {
        TimerKind.CaseYellow => "办件黄牌预警",
        TimerKind.CaseRed => "承诺时限",
        TimerKind.StatutoryLimit => "法定时限",
        TimerKind.BranchWarning => $"分支 {region} 的预警",
        TimerKind.BranchLimit => $"分支 {region} 的时限",
        TimerKind.StepWarning => $"环节 {state} 的预警",
        TimerKind.StepLimit => $"环节 {state} 的时限",
        TimerKind.After => $"环节 {state} 的定时转办",
        _ => kind.ToString(),
    };

    /// <summary>A changed promised or statutory limit is stated; one already passed at the migration is named as such.</summary>
    private void LimitConsequences(CompiledDefinition from, CaseState before, List<MigrationConsequence> consequences)
    {
        var old = from.Definition.Item.TimeLimit;
        var now = _definition.Definition.Item.TimeLimit;
        void Compare(string name, string english, Duration? a, Duration? b, Func<ClockReport, TimeSpan?> left)
        {
            // A limit is stated for cases whose clock runs: a case not yet accepted simply starts on the new one.
            if (a == b || !before.Clock.Started || before.Clock.Stopped)
            {
                return;
            }

            consequences.Add(new("limit",
                $"{name}由 {a?.ToString() ?? "无"} 改为 {b?.ToString() ?? "无"}，自迁移时起适用；受理时间、已用时间和暂停照旧计算。",
                $"The {english} limit changes from {a?.ToString() ?? "none"} to {b?.ToString() ?? "none"} and applies from the migration on; acceptance, elapsed time and pauses carry over."));
            if (before.Clock.Started && !before.Clock.Stopped && left(Clocks.Report(_definition, _current, _now)) is { } rest && rest < TimeSpan.Zero)
            {
                consequences.Add(new("overdue", $"按新的{name}，办件在迁移时已超期，迁移时即预警。",
                    $"Under the new {english} limit the case is already overdue at the migration; it is warned at the migration."));
            }
        }

        Compare("承诺时限", "promised", old?.Promised, now?.Promised, r => r.RemainingPromised);
        Compare("法定时限", "statutory", old?.Statutory, now?.Statutory, r => r.RemainingStatutory);
    }
}
