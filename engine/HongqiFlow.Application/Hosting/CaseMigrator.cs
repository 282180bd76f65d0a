using HongqiFlow.Messages;
using HongqiFlow.Runtime;
using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>
/// Moves running cases to another version of their definition (docs/definitions-lifecycle.md): <see cref="PlanAsync"/>
/// writes nothing and classes every running case; <see cref="ExecuteAsync"/> moves the chosen cases one by one, each in
/// one transaction (the <c>case-migrated</c> event, the entry actions of the branches it adds, the rewritten due times, the outbox, the snapshot and the case's definition),
/// refusing a case that changed since the plan. A case already moved by the same plan is reported, not moved again,
/// so an interrupted batch is resumed by executing the same plan again.
/// </summary>
public sealed class CaseMigrator
{
    private const int Page = 500;

    private readonly ICaseStore _store;
    private readonly DefinitionRegistry _definitions;
    private readonly TimeProvider _time;
    private readonly CaseServiceOptions _options;

    public CaseMigrator(ICaseStore store, DefinitionRegistry definitions, TimeProvider time, CaseServiceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _definitions = definitions;
        _time = time;
        _options = options ?? new CaseServiceOptions();
    }

    /// <summary>
    /// Every running case of <paramref name="code"/>@<paramref name="from"/>, classed for <paramref name="to"/>. Throws
    /// <see cref="DefinitionNotFoundException"/> for an unknown version and <see cref="MigrationMappingException"/>
    /// for a mapping entry naming a state either version does not have.
    /// </summary>
    public async Task<MigrationPlan> PlanAsync(string code, int from, int to, StateMappingFile mapping, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(mapping);
        var (source, target) = await VersionsAsync(code, from, to, mapping, cancellationToken);
        var now = _time.GetUtcNow();
        var cases = new List<PlannedCase>();
        string? after = null;
        while (true)
        {
            var page = await _store.ListCasesAsync(new CaseQuery("running", DefinitionIds.Of(code, from), after, Page), cancellationToken);
            foreach (var row in page)
            {
                if (await _store.LoadAsync(row.CaseId, cancellationToken) is not { } snapshot)
                {
                    continue;
                }

                var state = CaseJson.DeserializeState(snapshot.StateJson);
                cases.Add(PlannedCase.Of(state, Engine.Migrate(source, target, state, mapping.Mapping, actor, now)));
            }

            if (page.Count < Page)
            {
                break;
            }

            after = page[^1].CaseId;
        }

        return new MigrationPlan
        {
            Code = code,
            From = from,
            To = to,
            Mapping = mapping.Mapping.States,
            MadeAt = now,
            Changes = Diff(source, target).Changes,
            Cases = cases,
        };
    }

    /// <summary>
    /// Moves the <paramref name="selection"/> (cases with the version they were planned on), in order, each on its own.
    /// A case that changed since the plan, or cannot move now, is refused and the batch goes on. <paramref name="progress"/>
    /// hears each case's outcome once it is committed (or refused).
    /// </summary>
    public async Task<MigrationRun> ExecuteAsync(string code, int from, int to, StateMappingFile mapping, IReadOnlyList<MigrationSelection> selection, Actor actor, Action<MigrationOutcome>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(actor);
        var (source, target) = await VersionsAsync(code, from, to, mapping, cancellationToken);
        var outcomes = new List<MigrationOutcome>();
        foreach (var chosen in selection)
        {
            var outcome = await MoveAsync(source, target, mapping.Mapping, chosen, actor, cancellationToken);
            outcomes.Add(outcome);
            progress?.Invoke(outcome);
        }

        return new MigrationRun(code, from, to, outcomes);
    }

    private async Task<MigrationOutcome> MoveAsync(CompiledDefinition source, CompiledDefinition target, StateMapping mapping, MigrationSelection chosen, Actor actor, CancellationToken ct)
    {
        var snapshot = await _store.LoadAsync(chosen.CaseId, ct);
        if (snapshot is null)
        {
            return MigrationOutcome.Of(chosen.CaseId, MigrationOutcome.NotFound, 0, Message.Of("migration.no-case", ("caseId", chosen.CaseId)));
        }

        var state = CaseJson.DeserializeState(snapshot.StateJson);
        if (snapshot.DefinitionId == DefinitionIds.Of(target.Code, target.Version) && await MovedByPlanAsync(chosen, source, target, ct))
        {
            return new MigrationOutcome(chosen.CaseId, MigrationOutcome.AlreadyMigrated, snapshot.Version, null, null);
        }

        if (snapshot.Version != chosen.Version)
        {
            return Changed(chosen, snapshot.Version);
        }

        var m = Engine.Migrate(source, target, state, mapping, actor, _time.GetUtcNow());
        if (!m.CanMove)
        {
            return new MigrationOutcome(chosen.CaseId, MigrationOutcome.CannotMove, snapshot.Version, m.Reason, m.ReasonEnglish);
        }

        var after = m.NewState!;
        var oldTimers = state.Timers.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var newTimers = after.Timers.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var targetId = DefinitionIds.Of(target.Code, target.Version);
        var payloads = CaseJson.SerializeEvents(m.Events, state);
        try
        {
            await _store.AppendAsync(new AppendRequest
            {
                CaseId = state.CaseId,
                ExpectedVersion = state.Version,
                DefinitionId = targetId,
                MovesToDefinitionId = targetId,
                Events = [.. m.Events.Select((e, i) => new EventRecord(e.Type, payloads[i], e.At))],
                Snapshot = new SnapshotRecord(CaseJson.Serialize(after), CaseService.StatusOf(after)),
                TimersToSchedule = [.. after.Timers.Where(t => !oldTimers.Contains(t.Id)).Select(t => TimerPayload.Record(state.CaseId, t))],
                TimerIdsToCancel = [.. state.Timers.Where(t => !newTimers.Contains(t.Id)).Select(t => TimerPayload.StoreId(state.CaseId, t.Id))],
                Outbox = CaseService.OutboxOf(m.Events, state.CaseId, target, _options),
                Now = m.Events[0].At,
            }, ct);
        }
        catch (ConcurrencyException ex)
        {
            return Changed(chosen, ex.ActualVersion);
        }

        return new MigrationOutcome(chosen.CaseId, MigrationOutcome.Migrated, after.Version, null, null);
    }

    /// <summary>Whether the event right after the planned version is this plan's <c>case-migrated</c>.</summary>
    private async Task<bool> MovedByPlanAsync(MigrationSelection chosen, CompiledDefinition source, CompiledDefinition target, CancellationToken ct)
    {
        var history = await _store.ReadHistoryAsync(chosen.CaseId, ct);
        var next = history.FirstOrDefault(e => e.Version == chosen.Version + 1);
        if (next is null || next.Type != CaseEventTypes.CaseMigrated)
        {
            return false;
        }

        var e = CaseJson.DeserializeHistory(history.Select(h => (h.Version, h.PayloadJson)))[(int)(next.Version - history[0].Version)];
        return e.Data.GetString("from") == $"{source.Code}@{source.Version}" && e.Data.GetString("to") == $"{target.Code}@{target.Version}";
    }

    private static MigrationOutcome Changed(MigrationSelection chosen, long now) => MigrationOutcome.Of(chosen.CaseId, MigrationOutcome.Changed, now,
        Message.Of("migration.changed", ("planned", chosen.Version), ("now", now)));

    private async Task<(CompiledDefinition From, CompiledDefinition To)> VersionsAsync(string code, int from, int to, StateMappingFile mapping, CancellationToken ct)
    {
        var source = await _definitions.GetAsync(code, from, ct);
        var target = await _definitions.GetAsync(code, to, ct);
        mapping.Check(source, target);
        return (source, target);
    }

    private static DefinitionDiff Diff(CompiledDefinition from, CompiledDefinition to) => DefinitionDiff.Compare(from.Definition, to.Definition);
}
