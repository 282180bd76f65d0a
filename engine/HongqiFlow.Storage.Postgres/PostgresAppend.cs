using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace HongqiFlow.Storage.Postgres;

/// <summary>
/// Appends as ONE statement: a call of the <c>hongqi_append</c> function (migration 3, with snapshot seals since migration 4), which runs in its own
/// implicit transaction. For each command it inserts the idempotency key (a repeat returns the first result),
/// checks a claimed timer, checks the version — and the head hash the events were chained from — in the very
/// write that locks the case row, and then writes the events, timers and outbox of every command that passed.
/// A command that fails a check is written not at all and takes its key back; the others commit.
/// <para>
/// <b>Group commit.</b> Commands that arrive while a call is running wait and go together in the next call (at
/// most <see cref="MaxBatch"/>, one per case and per key): one round trip, one function call and one WAL flush for
/// all of them. A lone command goes at once. At most <see cref="MaxInFlight"/> calls run at a time per store. A queued
/// command is sent even if its caller stops waiting (its cancellation token only guards the queueing), as any
/// database call already on its way would be; its idempotency key makes a retry safe.
/// </para>
/// <para>
/// <b>Heads.</b> The audit chain is hashed here, in .NET, so it needs the case's head hash first. Heads of cases
/// this node loaded or appended are remembered (a <see cref="CaseVersionCache{T}"/> of 50,000 cases); otherwise they are read first, for the
/// whole batch in one query. A remembered head that is wrong (a restored database, a row edited by hand) is refused
/// by the function with the stored head, and the command is chained again from that, once: the cache saves reads,
/// it never decides what is written.
/// </para>
/// </summary>
internal sealed class PostgresAppend(NpgsqlDataSource dataSource)
{
    /// <summary>The most commands in one call.</summary>
    public const int MaxBatch = 64;

    /// <summary>
    /// The most calls in flight per store. One, like SQLite's single writer: while a call runs the next batch
    /// fills, and the server does its per-call work (the call, the function, the commit) once for all of it.
    /// Measured against two on 8 and 64 clients, one gave the higher command rate (fewer, larger batches).
    /// </summary>
    public const int MaxInFlight = 1;

    private const string Call =
        "SELECT o_outcome, o_version, o_text FROM hongqi_append(" +
        "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33)";

    private const string ReadHeads = "SELECT case_id, version, head_hash, chain_algorithm FROM cases WHERE case_id = ANY ($1)";

    private readonly Lock _gate = new();
    private readonly List<Pending> _queue = [];
    private int _inFlight;

    private long _calls;
    private long _commands;

    /// <summary>Heads of cases this node loaded or appended, with the algorithm each case is chained with.</summary>
    public CaseVersionCache<ChainHead> Heads { get; } = new(50_000);

    /// <summary>The algorithm of cases created from now on (existing cases keep theirs).</summary>
    public ChainAlgorithm NewCaseChains { get; set; } = ChainAlgorithms.Default;

    /// <summary>Calls of <c>hongqi_append</c> made and commands they carried: their ratio is the mean batch size.</summary>
    public (long Calls, long Commands) Sent => (Interlocked.Read(ref _calls), Interlocked.Read(ref _commands));

    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var pending = new Pending(request);
        bool send;
        lock (_gate)
        {
            _queue.Add(pending);
            send = _inFlight < MaxInFlight;
            if (send)
            {
                _inFlight++;
            }
        }

        if (send)
        {
            _ = SendWhileQueuedAsync();
        }

        return pending.Result.Task;
    }

    private async Task SendWhileQueuedAsync()
    {
        try
        {
            while (true)
            {
                List<Pending> batch;
                lock (_gate)
                {
                    if (_queue.Count == 0)
                    {
                        _inFlight--;
                        return;
                    }

                    batch = Take();
                }

                await SendAsync(batch);

                // The callers just answered continue on the thread pool and most submit their next command at once. Let
                // them run first, so those commands go with the ones already queued instead of forming a batch of their
                // own (with 8 submitters: one call of 8 rather than two alternating calls of 4).
                await Task.Yield();
            }
        }
        catch (Exception ex)
        {
            // SendAsync answers every command it takes, so this is a fault of the sender itself: no queued command may
            // wait for a sender that is gone.
            List<Pending> orphans;
            lock (_gate)
            {
                _inFlight--;
                orphans = [.. _queue];
                _queue.Clear();
            }

            foreach (var p in orphans)
            {
                p.Result.TrySetException(new StorageException($"the append was not sent: {ex.Message}", ex));
            }
        }
    }

    /// <summary>
    /// The oldest queued commands, one per case and per idempotency key (a later command of the same case or key
    /// waits for the next call, so it sees the first one's outcome), in case order.
    /// </summary>
    private List<Pending> Take()
    {
        var batch = new List<Pending>();
        var cases = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _queue.Count && batch.Count < MaxBatch;)
        {
            var request = _queue[i].Request;
            if (!cases.Contains(request.CaseId) && (request.IdempotencyKey is not { } key || keys.Add(key)))
            {
                cases.Add(request.CaseId);
                batch.Add(_queue[i]);
                _queue.RemoveAt(i);
            }
            else
            {
                i++;
            }
        }

        // One lock order for every batch, so two calls never wait on each other's case rows in a cycle.
        batch.Sort((a, b) => string.CompareOrdinal(a.Request.CaseId, b.Request.CaseId));
        return batch;
    }

    /// <summary>Runs one batch to the end; every command's task ends with its result or its own error.</summary>
    private async Task SendAsync(List<Pending> batch)
    {
        try
        {
            await ResolveHeadsAsync(batch);
            while (batch.Count > 0)
            {
                batch = await CallAsync(batch);
            }
        }
        catch (PostgresException ex) when (batch.Count > 1 && ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
        {
            // Nothing of the batch was written; each command goes again on its own.
            foreach (var p in batch)
            {
                await SendAsync([p]);
            }
        }
        catch (Exception ex)
        {
            foreach (var p in batch)
            {
                p.Result.TrySetException(ex);
            }
        }
    }

    private async Task ResolveHeadsAsync(List<Pending> batch)
    {
        List<Pending>? missing = null;
        foreach (var p in batch)
        {
            var expected = p.Request.ExpectedVersion;
            p.Head = null;
            if (expected == 0)
            {
                (p.Head, p.Algorithm) = (AuditChain.Genesis, NewCaseChains);
            }
            else if (Heads.TryGet(p.Request.CaseId, expected, out var head))
            {
                (p.Head, p.Algorithm) = (head.Hash, head.Algorithm);
            }

            if (p.Head is null)
            {
                (missing ??= []).Add(p);
            }
        }

        if (missing is null)
        {
            return;
        }

        var found = new Dictionary<string, (long Version, string Hash, ChainAlgorithm Algorithm)>(StringComparer.Ordinal);
        await using (var read = dataSource.CreateCommand(ReadHeads))
        {
            read.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. missing.Select(p => p.Request.CaseId)] });
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2), ChainAlgorithms.Parse(reader.GetString(3)));
            }
        }

        // A case at another version gets any head: the function reports the version it found.
        foreach (var p in missing)
        {
            (p.Head, p.Algorithm) = found.TryGetValue(p.Request.CaseId, out var head) && head.Version == p.Request.ExpectedVersion
                ? (head.Hash, head.Algorithm)
                : (AuditChain.Genesis, NewCaseChains);
        }
    }

    /// <summary>One call for the batch; returns the commands to send again (a wrong remembered head, chained anew).</summary>
    private async Task<List<Pending>> CallAsync(List<Pending> batch)
    {
        var columns = new Columns(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var p = batch[i];
            p.Stored = AuditChain.Chain(p.Request.CaseId, p.Request.ExpectedVersion, p.Head!, p.Request.Events, p.Algorithm);
            columns.Add(i + 1, p.Request, p.Head!, p.Algorithm, p.Stored);
        }

        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _commands, batch.Count);
        var again = new List<Pending>();
        await using var command = dataSource.CreateCommand(Call);
        columns.AddParameters(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync();
        for (var i = 0; i < batch.Count; i++)
        {
            if (!await reader.ReadAsync())
            {
                throw new StorageException($"hongqi_append answered {i} of {batch.Count} commands");
            }

            var p = batch[i];
            var request = p.Request;
            var (outcome, version, text) = (reader.GetInt32(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            switch (outcome)
            {
                case 0:
                    Heads.Remember(request.CaseId, version, new ChainHead(p.Stored.Count > 0 ? p.Stored[^1].Hash : p.Head!, p.Algorithm));
                    p.Result.TrySetResult(new AppendResult(version, request.ResultJson, false, p.Stored));
                    break;
                case 1:
                    p.Result.TrySetResult(new AppendResult(version, text!, true, []));
                    break;
                case 2:
                    Heads.Forget(request.CaseId);
                    p.Result.TrySetException(new ConcurrencyException(request.CaseId, request.ExpectedVersion, version));
                    break;
                case 3 when !p.ChainedAgain:
                    Heads.Forget(request.CaseId);
                    p.Head = text;
                    p.ChainedAgain = true;
                    again.Add(p);
                    break;
                case 3:
                    p.Result.TrySetException(new StorageException(
                        $"case '{request.CaseId}': its head hash at version {request.ExpectedVersion} changed while appending; nothing was written"));
                    break;
                case 4:
                    p.Result.TrySetException(new TimerClaimLostException(request.CompletesTimer!.TimerId, request.CompletesTimer.NodeId));
                    break;
                default:
                    p.Result.TrySetException(new StorageException($"hongqi_append answered outcome {outcome.ToString(CultureInfo.InvariantCulture)} for case '{request.CaseId}'"));
                    break;
            }
        }

        return again;
    }

    private sealed class Pending(AppendRequest request)
    {
        public AppendRequest Request { get; } = request;

        // Continuations run on the thread pool, never inside the sender: a caller cannot hold up the next batch.
        public TaskCompletionSource<AppendResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? Head { get; set; }

        public ChainAlgorithm Algorithm { get; set; }

        public IReadOnlyList<StoredEvent> Stored { get; set; } = [];

        public bool ChainedAgain { get; set; }
    }

    /// <summary>The function's array parameters: one entry per command, and per event, cancellation, timer and message with its command's number.</summary>
    private sealed class Columns(int commands)
    {
        private readonly List<string?> _cases = new(commands), _heads = new(commands), _newHeads = new(commands), _definitions = new(commands),
            _keys = new(commands), _results = new(commands), _timers = new(commands), _nodes = new(commands), _statuses = new(commands), _states = new(commands), _seals = new(commands), _algorithms = new(commands);
        private readonly List<long> _expected = new(commands), _nows = new(commands);
        private readonly List<int> _eventCounts = new(commands);
        private readonly List<int> _eCmd = [], _cCmd = [], _tCmd = [], _mCmd = [];
        private readonly List<long> _eVersions = [], _eOccurred = [], _tDue = [];
        private readonly List<string?> _eTypes = [], _ePayloads = [], _eHashes = [], _ePrevious = [], _cIds = [],
            _tIds = [], _tKinds = [], _tPayloads = [], _mIds = [], _mChannels = [], _mPayloads = [];

        public void Add(int number, AppendRequest r, string head, ChainAlgorithm algorithm, IReadOnlyList<StoredEvent> stored)
        {
            _cases.Add(r.CaseId);
            _expected.Add(r.ExpectedVersion);
            _heads.Add(head);
            _newHeads.Add(stored.Count > 0 ? stored[^1].Hash : head);
            _definitions.Add(r.DefinitionId);
            _keys.Add(r.IdempotencyKey);
            _results.Add(r.ResultJson);
            _timers.Add(r.CompletesTimer?.TimerId);
            _nodes.Add(r.CompletesTimer?.NodeId);
            _statuses.Add(r.Snapshot.Status);
            _states.Add(r.Snapshot.StateJson);
            _algorithms.Add(algorithm.Name());
            _seals.Add(SnapshotSeal.Compute(algorithm, r.CaseId, r.ExpectedVersion + stored.Count, stored.Count > 0 ? stored[^1].Hash : head, r.Snapshot.Status, r.Snapshot.StateJson));
            _nows.Add(Timestamps.ToMillis(r.Now));
            _eventCounts.Add(stored.Count);
            foreach (var e in stored)
            {
                _eCmd.Add(number);
                _eVersions.Add(e.Version);
                _eTypes.Add(e.Type);
                _ePayloads.Add(e.PayloadJson);
                _eOccurred.Add(Timestamps.ToMillis(e.OccurredAt));
                _eHashes.Add(e.Hash);
                _ePrevious.Add(e.PreviousHash);
            }

            foreach (var id in r.TimerIdsToCancel)
            {
                _cCmd.Add(number);
                _cIds.Add(id);
            }

            foreach (var t in r.TimersToSchedule)
            {
                _tCmd.Add(number);
                _tIds.Add(t.TimerId);
                _tKinds.Add(t.Kind);
                _tDue.Add(Timestamps.ToMillis(t.DueAt));
                _tPayloads.Add(t.PayloadJson);
            }

            foreach (var m in r.Outbox)
            {
                _mCmd.Add(number);
                _mIds.Add(m.MessageId);
                _mChannels.Add(m.Channel);
                _mPayloads.Add(m.PayloadJson);
            }
        }

        public void AddParameters(NpgsqlParameterCollection p)
        {
            p.Add(Texts(_cases));
            p.Add(Longs(_expected));
            foreach (var texts in (List<string?>[])[_heads, _newHeads, _definitions, _keys, _results, _timers, _nodes, _statuses, _states, _seals, _algorithms])
            {
                p.Add(Texts(texts));
            }

            p.Add(Longs(_nows));
            p.Add(Ints(_eventCounts));
            p.Add(Ints(_eCmd));
            p.Add(Longs(_eVersions));
            p.Add(Texts(_eTypes));
            p.Add(Texts(_ePayloads));
            p.Add(Longs(_eOccurred));
            p.Add(Texts(_eHashes));
            p.Add(Texts(_ePrevious));
            p.Add(Ints(_cCmd));
            p.Add(Texts(_cIds));
            p.Add(Ints(_tCmd));
            p.Add(Texts(_tIds));
            p.Add(Texts(_tKinds));
            p.Add(Longs(_tDue));
            p.Add(Texts(_tPayloads));
            p.Add(Ints(_mCmd));
            p.Add(Texts(_mIds));
            p.Add(Texts(_mChannels));
            p.Add(Texts(_mPayloads));
        }

        private static NpgsqlParameter<string?[]> Texts(List<string?> values) =>
            new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = [.. values] };

        private static NpgsqlParameter<long[]> Longs(List<long> values) =>
            new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = [.. values] };

        private static NpgsqlParameter<int[]> Ints(List<int> values) =>
            new NpgsqlParameter<int[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, TypedValue = [.. values] };
    }
}

/// <summary>A case's head hash and the algorithm its chain uses (fixed when the case is created).</summary>
internal readonly record struct ChainHead(string Hash, ChainAlgorithm Algorithm);
