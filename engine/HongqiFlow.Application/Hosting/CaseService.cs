using System.Text.Json;
using HongqiFlow.Runtime;
using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>
/// The one path by which cases change: load the snapshot, decide on the case's own definition version at the
/// injected time, and append events, snapshot, timers (new ones scheduled, vanished ones cancelled), outbox messages
/// for notifications and the idempotent result in one transaction. A concurrent writer makes the command be decided
/// again on the fresh state (bounded). The server, the CLI and the timer handler all go through here.
/// </summary>
public sealed class CaseService
{
    private readonly ICaseStore _store;
    private readonly DefinitionRegistry _definitions;
    private readonly TimeProvider _time;
    private readonly CaseServiceOptions _options;
    private readonly CaseGates _gates = new();
    private Action<string>[] _stored = [];

    public CaseService(ICaseStore store, DefinitionRegistry definitions, TimeProvider time, CaseServiceOptions? options = null)
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
    /// Calls <paramref name="stored"/> with the case id after each command whose events were stored (not for a repeat),
    /// so what is kept beside the store (the indicator projection) learns of the change; it must return at once.
    /// </summary>
    public void OnStored(Action<string> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        lock (_gates)
        {
            _stored = [.. _stored, stored];
        }
    }

    /// <summary>
    /// Starts a case of the published definition <paramref name="itemReference"/> (<c>QYKB-0001</c> for the latest
    /// version, <c>QYKB-0001@2</c> for one). A start repeated with the same key returns the first result, whatever
    /// case id the repeat proposes (the key is looked up on its own, so a retry after midnight finds its case); the
    /// same key with a different application throws <see cref="IdempotencyKeyReusedException"/>. Start keys live
    /// apart from event keys (stored and recorded as <c>start:key</c>).
    /// </summary>
    public async Task<CaseResult> StartAsync(string itemReference, CaseStart start, Actor actor, Channel channel, string idempotencyKey = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(actor);
        var definition = await _definitions.FindAsync(itemReference, cancellationToken);
        var key = idempotencyKey.Length == 0 ? string.Empty : IdempotentRequest.StartPrefix + idempotencyKey;
        var command = Command.StartCase(start, actor, channel, key);
        var hash = IdempotentRequest.Hash(command, definition.Code);
        if (key.Length > 0 && await StartRepeatAsync(key, hash, idempotencyKey, cancellationToken) is { } repeat)
        {
            return repeat;
        }

        var result = await RunAsync(start.CaseId, command, definition, null, hash, cancellationToken);

        // Another start with this key won the race: answer with its case, if it was the same request.
        if (key.Length > 0 && result.Rejection?.Code == RejectionCodes.AlreadyStarted && await StartRepeatAsync(key, hash, idempotencyKey, cancellationToken) is { } raced)
        {
            return raced;
        }

        return result;
    }

    /// <summary>
    /// Sends an event (or a built-in command) to a case. Throws <see cref="CaseNotFoundException"/> for an unknown case
    /// and <see cref="IdempotencyKeyReusedException"/> for a key that answered a different request.
    /// </summary>
    public Task<CaseResult> SendAsync(string caseId, Command command, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        ArgumentNullException.ThrowIfNull(command);
        if (command.IdempotencyKey.Length > 0)
        {
            IdempotentRequest.CheckEventKey(command);
        }

        return RunAsync(caseId, command, null, null, IdempotentRequest.Hash(command, null), cancellationToken);
    }

    /// <summary>
    /// Sends an event to a case the caller has just read (<paramref name="read"/>, e.g. for its visibility check), so
    /// the command does not read the case from the store a second time: the first decision is made on the state read.
    /// Only an append acts on it, and the store's version check still decides — when another writer moved the case
    /// since, or another command of this node was ahead at the case's gate, or the decision on the state read is
    /// anything but new events (a rejection, a repeat, nothing to do), the command is decided again on the case read
    /// inside the gate, exactly as <see cref="SendAsync(string, Command, CancellationToken)"/> decides it. That second
    /// decision does not count against <see cref="CaseServiceOptions.MaxConcurrencyRetries"/>.
    /// </summary>
    public Task<CaseResult> SendAsync(string caseId, Command command, CaseView read, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(read);
        if (read.State.CaseId != caseId)
        {
            throw new ArgumentException($"the case read is '{read.State.CaseId}', not '{caseId}'", nameof(read));
        }

        if (command.IdempotencyKey.Length > 0)
        {
            IdempotentRequest.CheckEventKey(command);
        }

        return RunAsync(caseId, command, null, null, IdempotentRequest.Hash(command, null), cancellationToken, (read.DefinitionId, read.State));
    }

    /// <summary>
    /// Fires a claimed timer: the engine's events are appended together with the timer's completion, so it fires
    /// once; a stale timer (nothing to do) is completed without events. Throws <see cref="TimerClaimLostException"/>
    /// when another node holds the timer now.
    /// </summary>
    public async Task<CaseResult> FireTimerAsync(ClaimedTimer timer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var completion = new TimerCompletion(timer.TimerId, timer.NodeId);
        CaseResult result;
        try
        {
            var command = Command.FireTimer(TimerPayload.EngineId(timer));
            result = await RunAsync(timer.CaseId, command, null, completion, IdempotentRequest.Hash(command, null), cancellationToken);
        }
        catch (CaseNotFoundException)
        {
            // A timer without its case can never do anything: retire it rather than retry it forever.
            result = new CaseResult { CaseId = timer.CaseId };
        }

        if ((result.Events.Count == 0 || result.IsRepeat) && !await _store.CompleteTimerAsync(completion, cancellationToken))
        {
            throw new TimerClaimLostException(timer.TimerId, timer.NodeId);
        }

        return result;
    }

    /// <summary>The case now, with the events <paramref name="viewer"/> may send (none listed when no viewer is given).</summary>
    public async Task<CaseView> GetAsync(string caseId, Actor? viewer = null, CancellationToken cancellationToken = default)
    {
        var (snapshot, state) = await LoadAsync(caseId, cancellationToken) ?? throw new CaseNotFoundException(caseId);
        var definition = await _definitions.ForCaseAsync(snapshot.DefinitionId, cancellationToken);
        var now = _time.GetUtcNow();
        return new CaseView(
            state,
            snapshot.DefinitionId,
            Engine.Clock(definition, state, now),
            [.. state.Warnings],
            [.. state.Obligations.Where(o => o.IsOpen)],
            viewer is null ? [] : Engine.PermittedEvents(definition, state, viewer, now),
            viewer,
            now);
    }

    /// <summary>Every event of the case in order; throws <see cref="CaseNotFoundException"/> for an unknown case.</summary>
    public async Task<IReadOnlyList<CaseEvent>> HistoryAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var history = await _store.ReadHistoryAsync(caseId, cancellationToken);
        if (history.Count == 0 && await _store.LoadAsync(caseId, cancellationToken) is null)
        {
            throw new CaseNotFoundException(caseId);
        }

        return CaseJson.DeserializeHistory(history.Select(e => (e.Version, e.PayloadJson)));
    }

    /// <summary>
    /// The case rebuilt from its history on its own definition version, switching versions at each <c>case-migrated</c>
    /// event (for audits and tests: it must equal the snapshot).
    /// </summary>
    public async Task<CaseState> ReplayAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var snapshot = await _store.LoadAsync(caseId, cancellationToken) ?? throw new CaseNotFoundException(caseId);
        return await ReplayAsync(_definitions, snapshot.DefinitionId, caseId, await HistoryAsync(caseId, cancellationToken), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Folds a history (up to <paramref name="upTo"/>) on the versions it ran on: the one it started on, then each
    /// migration's target. <paramref name="definitionId"/> is the case's definition now.
    /// </summary>
    public static async Task<CaseState> ReplayAsync(DefinitionRegistry definitions, string definitionId, string caseId, IReadOnlyList<CaseEvent> history, long upTo = long.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(history);
        var current = await definitions.ForCaseAsync(definitionId, cancellationToken);
        var versions = Engine.VersionsOf(history, current.Version);
        var events = upTo == long.MaxValue ? history : [.. history.Where(e => e.Sequence <= upTo)];
        if (versions.Count == 1)
        {
            return Engine.Replay(current, caseId, events);
        }

        var loaded = new Dictionary<int, CompiledDefinition>();
        foreach (var v in versions.Distinct())
        {
            loaded[v] = await definitions.GetAsync(current.Code, v, cancellationToken);
        }

        // The first version comes from the whole history: a prefix before the first migration has no migration to name it.
        return events.Any(e => e.Type == CaseEventTypes.CaseMigrated)
            ? Engine.Replay(v => loaded[v], current.Version, caseId, events)
            : Engine.Replay(loaded[versions[0]], caseId, events);
    }

    private async Task<(CaseSnapshot Snapshot, CaseState State)?> LoadAsync(string caseId, CancellationToken ct)
    {
        var snapshot = await _store.LoadAsync(caseId, ct);
        return snapshot is null ? null : (snapshot, CaseJson.DeserializeState(snapshot.StateJson));
    }

    private async Task<(string DefinitionId, CaseState State)?> LoadStateAsync(string caseId, CancellationToken ct) =>
        await LoadAsync(caseId, ct) is { } loaded ? (loaded.Snapshot.DefinitionId, loaded.State) : null;

    /// <summary>
    /// Decides and appends one command, one at a time per case on this node (<see cref="CaseGates"/>): concurrent
    /// commands on a busy case queue here instead of failing each other's version check. Across nodes the store's
    /// version check still decides; when it keeps failing, or the case stays busy past the wait, the caller gets
    /// <see cref="CaseBusyException"/> (retry later), never the store's conflict.
    /// </summary>
    private async Task<CaseResult> RunAsync(string caseId, Command command, Runtime.CompiledDefinition? startDefinition, TimerCompletion? completesTimer, string requestHash, CancellationToken ct, (string DefinitionId, CaseState State)? read = null)
    {
        using var measured = HongqiTelemetry.StartCommand(command, startDefinition?.Code);
        try
        {
            var result = await RunGatedAsync(caseId, command, startDefinition, completesTimer, requestHash, read, ct);
            measured.Done(result);
            return result;
        }
        catch (Exception ex)
        {
            measured.Failed(ex);
            throw;
        }
    }

    private async Task<CaseResult> RunGatedAsync(string caseId, Command command, Runtime.CompiledDefinition? startDefinition, TimerCompletion? completesTimer, string requestHash, (string DefinitionId, CaseState State)? read, CancellationToken ct)
    {
        var gate = _gates.For(caseId);

        // A command of this node ahead at the gate will move the case: the state read before waiting would only lose the version check.
        if (gate.CurrentCount == 0)
        {
            read = null;
        }

        if (!await gate.WaitAsync(_options.CaseBusyWait, ct))
        {
            throw new CaseBusyException(caseId, _options.CaseBusyWait);
        }

        try
        {
            return await DecideAndAppendAsync(caseId, command, startDefinition, completesTimer, requestHash, read, ct);
        }
        catch (ConcurrencyException ex)
        {
            throw new CaseBusyException(caseId, ex);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<CaseResult> DecideAndAppendAsync(string caseId, Command command, Runtime.CompiledDefinition? startDefinition, TimerCompletion? completesTimer, string requestHash, (string DefinitionId, CaseState State)? read, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            // The caller's read serves the first decision only, and only an append (checked by the store) acts on it.
            var fromRead = read is not null;
            var loaded = read is { } given ? (given.DefinitionId, given.State) : await LoadStateAsync(caseId, ct);
            read = null;
            if (fromRead)
            {
                attempt--;
            }

            CompiledDefinition definition;
            CaseState state;
            if (loaded is { } found)
            {
                definition = await _definitions.ForCaseAsync(found.DefinitionId, ct);
                state = found.State;
            }
            else if (startDefinition is not null)
            {
                definition = startDefinition;
                state = CaseState.Initial(definition, caseId);
            }
            else
            {
                throw new CaseNotFoundException(caseId);
            }

            var now = _time.GetUtcNow();
            // Start keys are looked up on their own (the case id of a start depends on the day); event keys per case.
            var storeKey = command.IdempotencyKey.Length == 0 ? null
                : command.Event == BuiltInEvents.Start ? command.IdempotencyKey
                : $"{caseId}/{command.IdempotencyKey}";
            var decision = Engine.Decide(definition, state, command, now);
            if (fromRead && decision is not Accepted { Events.Count: > 0 })
            {
                // Decide what the store holds now, not what was read before the gate.
                continue;
            }

            switch (decision)
            {
                case Rejected rejected:
                    return new CaseResult { CaseId = caseId, State = loaded is null ? null : state, Rejection = rejected.Rejection };
                case Accepted { Events.Count: 0 } when storeKey is not null && state.ProcessedKeys.Contains(command.IdempotencyKey):
                    return await RepeatAsync(caseId, definition, storeKey, requestHash, command, ct) ?? new CaseResult { CaseId = caseId, State = state, IsRepeat = true };
                case Accepted { Events.Count: 0 } accepted:
                    return new CaseResult { CaseId = caseId, State = accepted.NewState };
                case Accepted accepted:
                    try
                    {
                        var request = Request(definition, state, accepted, storeKey, completesTimer, now, requestHash);
                        var appended = await _store.AppendAsync(request, ct);
                        if (appended.IsRepeat)
                        {
                            return await RepeatAsync(caseId, null, storeKey!, requestHash, command, ct) ?? throw new InvalidOperationException($"the stored result of '{storeKey}' names no events");
                        }

                        foreach (var stored in Volatile.Read(ref _stored))
                        {
                            stored(caseId);
                        }

                        return new CaseResult { CaseId = caseId, State = accepted.NewState, Events = accepted.Events };
                    }
                    catch (ConcurrencyException) when (fromRead || attempt < _options.MaxConcurrencyRetries)
                    {
                        // Another writer moved the case: decide again on what it is now.
                    }

                    break;
            }
        }
    }

    private AppendRequest Request(CompiledDefinition definition, CaseState before, Accepted accepted, string? storeKey, TimerCompletion? completesTimer, DateTimeOffset now, string requestHash)
    {
        var after = accepted.NewState;
        var caseId = after.CaseId;
        var oldTimers = before.Timers.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var newTimers = after.Timers.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var outbox = OutboxOf(accepted.Events, caseId, definition, _options);
        var payloads = CaseJson.SerializeEvents(accepted.Events, before);
        return new AppendRequest
        {
            CaseId = caseId,
            ExpectedVersion = before.Version,
            DefinitionId = DefinitionIds.Of(definition.Code, definition.Version),
            Events = [.. accepted.Events.Select((e, i) => new EventRecord(e.Type, payloads[i], e.At))],
            Snapshot = new SnapshotRecord(CaseJson.Serialize(after), StatusOf(after)),
            TimersToSchedule = [.. after.Timers.Where(t => !oldTimers.Contains(t.Id)).Select(t => TimerPayload.Record(caseId, t))],
            TimerIdsToCancel = [.. before.Timers.Where(t => !newTimers.Contains(t.Id)).Select(t => TimerPayload.StoreId(caseId, t.Id)).Where(id => id != completesTimer?.TimerId)],
            Outbox = outbox,
            CompletesTimer = completesTimer,
            IdempotencyKey = storeKey,
            ResultJson = ResultJson(before.Version + 1, after.Version, requestHash),
            Now = now,
        };
    }

    /// <summary>
    /// The outbox rows of <paramref name="events"/>: each notification once per channel (the first under its dedup key),
    /// and the data-sharing requests when the deployment shares data.
    /// </summary>
    internal static List<OutboxRecord> OutboxOf(IReadOnlyList<CaseEvent> events, string caseId, CompiledDefinition definition, CaseServiceOptions options)
    {
        var outbox = new List<OutboxRecord>();
        foreach (var e in events.Where(e => e.Type == CaseEventTypes.Notification))
        {
            var key = e.Data.GetString("dedupKey") ?? $"{caseId}:{e.Sequence}";
            var payload = NotificationPayload(e, caseId, definition);
            for (var i = 0; i < options.NotificationChannels.Count; i++)
            {
                var channel = options.NotificationChannels[i];
                outbox.Add(new OutboxRecord(i == 0 ? key : $"{key}/{channel}", channel, payload));
            }
        }

        if (options.DataSharing)
        {
            outbox.AddRange(DataSharingRequests.For(caseId, events));
        }

        return outbox;
    }

    /// <summary>The status a case list filters on: <c>running</c>, or <c>finished</c> once the main region is final.</summary>
    public static string StatusOf(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Outcome is null ? "running" : "finished";
    }

    /// <summary>The first result of a start key (in any case, on any day), or null when the key is new.</summary>
    private async Task<CaseResult?> StartRepeatAsync(string storeKey, string requestHash, string clientKey, CancellationToken ct)
    {
        var found = await _store.FindResultAsync(storeKey, ct);
        return found is null ? null : await RebuildAsync(found, null, requestHash, clientKey, isStart: true, ct);
    }

    /// <summary>
    /// The first result of a key, rebuilt from the history range it recorded, once the request is known to be the
    /// same (else <see cref="IdempotencyKeyReusedException"/>). Null when nothing is stored under the key.
    /// </summary>
    private async Task<CaseResult?> RepeatAsync(string caseId, CompiledDefinition? definition, string storeKey, string requestHash, Command command, CancellationToken ct)
    {
        var found = await _store.FindResultAsync(storeKey, ct);
        if (found is null)
        {
            return null;
        }

        var clientKey = command.IdempotencyKey.StartsWith(IdempotentRequest.StartPrefix, StringComparison.Ordinal) && command.Event == BuiltInEvents.Start
            ? command.IdempotencyKey[IdempotentRequest.StartPrefix.Length..]
            : command.IdempotencyKey;
        return await RebuildAsync(found, found.CaseId == caseId ? definition : null, requestHash, clientKey, command.Event == BuiltInEvents.Start, ct);
    }

    private async Task<CaseResult> RebuildAsync(StoredResult found, CompiledDefinition? definition, string requestHash, string clientKey, bool isStart, CancellationToken ct)
    {
        long from, to;
        using (var result = JsonDocument.Parse(found.ResultJson))
        {
            from = result.RootElement.GetProperty("from").GetInt64();
            to = result.RootElement.GetProperty("to").GetInt64();
            if (result.RootElement.TryGetProperty("request", out var stored))
            {
                if (stored.GetString() != requestHash)
                {
                    throw new IdempotencyKeyReusedException(clientKey, "was already used for a different request; send a new request with a new key");
                }
            }
            else if (!isStart && from == 1)
            {
                // A result stored before requests were hashed: the key answered the case's start, not an event.
                throw new IdempotencyKeyReusedException(clientKey, "was already used to start this case; an event needs a key of its own");
            }
        }

        var caseId = found.CaseId;
        var history = await HistoryAsync(caseId, ct);
        CaseState state;
        if (definition is not null && !history.Any(e => e.Type == CaseEventTypes.CaseMigrated))
        {
            state = Engine.Replay(definition, caseId, history.Where(e => e.Sequence <= to));
        }
        else
        {
            var snapshot = await _store.LoadAsync(caseId, ct) ?? throw new CaseNotFoundException(caseId);
            state = await ReplayAsync(_definitions, snapshot.DefinitionId, caseId, history, to, ct);
        }

        return new CaseResult { CaseId = caseId, State = state, Events = [.. history.Where(e => e.Sequence >= from && e.Sequence <= to)], IsRepeat = true };
    }

    /// <summary>The result stored with a key: the history range the command recorded and the hash of the request it answered.</summary>
    private static string ResultJson(long from, long to, string requestHash) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $$"""{"format":1,"from":{{from}},"to":{{to}},"request":"{{requestHash}}"}""");

    private static string NotificationPayload(CaseEvent e, string caseId, CompiledDefinition definition)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("caseId", caseId);
            json.WriteString("definitionId", DefinitionIds.Of(definition.Code, definition.Version));
            json.WriteNumber("sequence", e.Sequence);
            json.WriteString("at", e.At);
            foreach (var key in new[] { "recipient", "channel", "template", "title", "body", "dedupKey" })
            {
                json.WriteString(key, e.Data.GetString(key));
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
