namespace HongqiFlow.Runtime;

/// <summary>
/// The pure decision function: (definition, case, command, now) → events + new state. No I/O, no clock, no random ids.
/// </summary>
public static class Engine
{
    /// <summary>Decides a command: the events it produces, folded into the new state, or a rejection (state unchanged).</summary>
    public static Decision Decide(CompiledDefinition definition, CaseState state, Command command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        return new Decider(definition, state, command, now).Run();
    }

    /// <summary>Folds one event into the state; the only way a state changes.</summary>
    public static CaseState Apply(CompiledDefinition definition, CaseState state, CaseEvent @event)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        return Folder.Apply(definition, state, @event);
    }

    /// <summary>Rebuilds a case from its history.</summary>
    public static CaseState Replay(CompiledDefinition definition, string caseId, IEnumerable<CaseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = CaseState.Initial(definition, caseId);
        foreach (var e in events)
        {
            state = Apply(definition, state, e);
        }

        return state;
    }

    /// <summary>
    /// Rebuilds a case that may have moved between versions: the history folds on <paramref name="definitionFor"/> of
    /// the version it started on, and on the new version from each <c>case-migrated</c> event on.
    /// </summary>
    public static CaseState Replay(Func<int, CompiledDefinition> definitionFor, int currentVersion, string caseId, IReadOnlyList<CaseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(definitionFor);
        ArgumentNullException.ThrowIfNull(events);
        var definition = definitionFor(VersionsOf(events, currentVersion)[0]);
        var state = CaseState.Initial(definition, caseId);
        foreach (var e in events)
        {
            if (e.Type == CaseEventTypes.CaseMigrated)
            {
                definition = definitionFor(ToVersion(e));
            }

            state = Apply(definition, state, e);
        }

        return state;
    }

    /// <summary>The versions a history folds on, in order: the one it started on, then each <c>case-migrated</c> target.</summary>
    public static IReadOnlyList<int> VersionsOf(IEnumerable<CaseEvent> events, int current)
    {
        ArgumentNullException.ThrowIfNull(events);
        var migrations = events.Where(e => e.Type == CaseEventTypes.CaseMigrated).ToList();
        return migrations.Count == 0 ? [current] : [FromVersion(migrations[0]), .. migrations.Select(ToVersion)];
    }

    /// <summary>
    /// Where a running case would stand on <paramref name="to"/>, a later (or earlier) version of its definition
    /// <paramref name="from"/>, with the declared state mapping: its class, consequences and the events that record
    /// the move (docs/engine.md). Pure, like <see cref="Decide"/>: nothing is written.
    /// </summary>
    public static CaseMigration Migrate(CompiledDefinition from, CompiledDefinition to, CaseState state, StateMapping mapping, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(actor);
        return new Decider(to, state, Command.Send(CaseEventTypes.CaseMigrated, actor), now).Migrate(from, mapping);
    }

    private static int FromVersion(CaseEvent e) => int.Parse(e.Data.GetString("fromVersion") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    private static int ToVersion(CaseEvent e) => int.Parse(e.Data.GetString("toVersion") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The events <paramref name="actor"/> may send now (definition events whose role and guard allow it, and built-in ones).</summary>
    public static IReadOnlyList<PermittedEvent> PermittedEvents(CompiledDefinition definition, CaseState state, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(actor);
        return Permissions.For(definition, state, actor, now);
    }

    /// <summary>Elapsed and remaining working time against the promised and statutory limits.</summary>
    public static ClockReport Clock(CompiledDefinition definition, CaseState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        return Clocks.Report(definition, state, now);
    }

    /// <summary>
    /// When the promised limit falls due if the clock runs on from <paramref name="now"/> without another pause, counted
    /// as the limit counts (docs/calendars.md); null when the clock is not running, there is no promised limit, or it has passed.
    /// </summary>
    public static DateTimeOffset? PromisedBy(CompiledDefinition definition, CaseState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        return Clocks.DueBy(definition, state, now, definition.Definition.Item.TimeLimit?.Promised);
    }
}
