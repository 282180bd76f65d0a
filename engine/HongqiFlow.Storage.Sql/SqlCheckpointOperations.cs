using System.Data.Common;
using System.Globalization;
using HongqiFlow.Storage.Checkpoints;
using static HongqiFlow.Storage.Sql.SqlCommands;

namespace HongqiFlow.Storage.Sql;

/// <summary>
/// Signed checkpoints of every case's head (<see cref="ICheckpointStore"/>), shared by SQLite and PostgreSQL. The leaves
/// of the latest checkpoint are kept in <c>checkpoint_heads</c>, one row per case, so verifying recomputes its root and
/// names each case that is gone, rolled back or rewritten; only changed leaves are written each time.
/// </summary>
public static class SqlCheckpointOperations
{
    private const string CheckpointColumns = "sequence, created_at, case_count, root, previous_root, key_id, signature";

    // The leaves with what the store holds now: the case's head, and the hash of the event at the leaf's version.
    private const string LeavesWithCases =
        "SELECT h.case_id, h.version, h.head_hash, c.version, c.head_hash, e.hash FROM checkpoint_heads h " +
        "LEFT JOIN cases c ON c.case_id = h.case_id LEFT JOIN events e ON e.case_id = h.case_id AND e.version = h.version ORDER BY h.case_id";

    private const string CasesWithoutLeaves =
        "SELECT c.case_id, c.version, c.head_hash FROM cases c WHERE NOT EXISTS (SELECT 1 FROM checkpoint_heads h WHERE h.case_id = c.case_id) ORDER BY c.case_id";

    private const string UpsertLeaf =
        "INSERT INTO checkpoint_heads (case_id, version, head_hash) VALUES (@c, @v, @h) " +
        "ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash";

    /// <summary>Writes the next checkpoint in the caller's transaction (<paramref name="lockSql"/> first, when given: PostgreSQL's advisory lock).</summary>
    public static async Task<CheckpointWritten?> WriteAsync(
        DbConnection c, DbTransaction tx, string? lockSql, ICheckpointSigner signer, DateTimeOffset now, TimeSpan minimumAge, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (lockSql is not null)
        {
            await ExecuteAsync(c, tx, lockSql, ct);
        }

        var latest = (await ReadCheckpointsAsync(c, tx, latestOnly: true, ct)).FirstOrDefault();
        if (latest is not null && now - latest.CreatedAt < minimumAge)
        {
            return null;
        }

        var sequence = (latest?.Sequence ?? 0) + 1;
        var leaves = new List<CheckpointLeaf>();
        var changed = new List<CheckpointLeaf>();
        var findings = new List<CheckpointFinding>();
        var rows = await QueryAsync(c, tx, LeavesWithCases, ReadRow, ct);
        if (latest is null && rows.Count > 0)
        {
            findings.Add(new CheckpointFinding(null, $"the store holds the leaves of {rows.Count} checkpointed case(s) but no checkpoint: the checkpoints were deleted"));
        }

        foreach (var row in rows)
        {
            if (Problem(row, sequence - 1) is { } problem)
            {
                findings.Add(problem);
                leaves.Add(row.Leaf);
            }
            else if (row.Version > row.Leaf.Version)
            {
                var leaf = new CheckpointLeaf(row.Leaf.CaseId, row.Version.Value, row.Head!);
                leaves.Add(leaf);
                changed.Add(leaf);
            }
            else
            {
                leaves.Add(row.Leaf);
            }
        }

        foreach (var added in await QueryAsync(c, tx, CasesWithoutLeaves, r => new CheckpointLeaf(r.GetString(0), Long(r, 1), r.GetString(2)), ct))
        {
            leaves.Add(added);
            changed.Add(added);
        }

        var unsigned = new CaseCheckpoint(sequence, Timestamps.Truncate(now), leaves.Count, MerkleRoot.Compute(leaves), latest?.Root ?? MerkleRoot.Empty, signer.KeyId, "");
        var checkpoint = unsigned with { Signature = Convert.ToBase64String(await signer.SignAsync(unsigned.SignedBytes(), ct)) };
        await ExecuteAsync(c, tx, $"INSERT INTO checkpoints ({CheckpointColumns}) VALUES (@s, @t, @n, @r, @p, @k, @g)", ct,
            ("s", checkpoint.Sequence), ("t", Timestamps.ToMillis(checkpoint.CreatedAt)), ("n", checkpoint.CaseCount), ("r", checkpoint.Root),
            ("p", checkpoint.PreviousRoot), ("k", checkpoint.KeyId), ("g", checkpoint.Signature));
        foreach (var leaf in changed)
        {
            await ExecuteAsync(c, tx, UpsertLeaf, ct, ("c", leaf.CaseId), ("v", leaf.Version), ("h", leaf.HeadHash));
        }

        return new CheckpointWritten(checkpoint, findings);
    }

    /// <summary>Checks the checkpoints (sequence, links, signatures when a key is given) and every case against the latest.</summary>
    public static async Task<CheckpointReport> VerifyAsync(DbConnection c, DbTransaction? tx, ICheckpointVerifier? verifier, CancellationToken ct)
    {
        var checkpoints = await ReadCheckpointsAsync(c, tx, latestOnly: false, ct);
        var findings = new List<CheckpointFinding>();
        CaseCheckpoint? previous = null;
        var expected = 1L;
        foreach (var checkpoint in checkpoints)
        {
            var n = checkpoint.Sequence.ToString(CultureInfo.InvariantCulture);
            if (checkpoint.Sequence != expected)
            {
                findings.Add(new CheckpointFinding(null, expected == checkpoint.Sequence - 1
                    ? $"checkpoint {expected} is missing"
                    : $"checkpoints {expected} to {checkpoint.Sequence - 1} are missing"));
            }
            else if (checkpoint.PreviousRoot != (previous?.Root ?? MerkleRoot.Empty))
            {
                findings.Add(new CheckpointFinding(null, $"checkpoint {n} does not link to the root of checkpoint {expected - 1}"));
            }

            if (verifier is not null)
            {
                if (checkpoint.KeyId != verifier.KeyId)
                {
                    findings.Add(new CheckpointFinding(null, $"checkpoint {n} was signed by another key ({checkpoint.KeyId[..16]}…), not the given public key ({verifier.KeyId[..16]}…)"));
                }
                else if (!IsSigned(checkpoint, verifier))
                {
                    findings.Add(new CheckpointFinding(null, $"the signature of checkpoint {n} does not verify: the checkpoint was altered"));
                }
            }

            previous = checkpoint;
            expected = checkpoint.Sequence + 1;
        }

        var rows = await QueryAsync(c, tx, LeavesWithCases, ReadRow, ct);
        var latest = previous;
        var uncovered = new List<string>();
        if (latest is null)
        {
            if (rows.Count > 0)
            {
                findings.Add(new CheckpointFinding(null, $"the store holds the leaves of {rows.Count} checkpointed case(s) but no checkpoint: the checkpoints were deleted"));
            }
        }
        else if (rows.Count != latest.CaseCount || MerkleRoot.Compute(rows.Select(r => r.Leaf)) != latest.Root)
        {
            findings.Add(new CheckpointFinding(null,
                $"the checkpointed heads ({rows.Count} case(s)) no longer give the root of checkpoint {latest.Sequence} ({latest.CaseCount} case(s)): they were altered"));
        }

        foreach (var row in rows)
        {
            if (Problem(row, latest?.Sequence ?? 0) is { } problem)
            {
                findings.Add(problem);
            }
            else if (row.Version > row.Leaf.Version)
            {
                uncovered.Add(row.Leaf.CaseId);
            }
        }

        uncovered.AddRange(await QueryAsync(c, tx, CasesWithoutLeaves, r => r.GetString(0), ct));
        uncovered.Sort(StringComparer.Ordinal);
        return new CheckpointReport(latest, checkpoints.Count, verifier is not null, findings, uncovered);
    }

    private static bool IsSigned(CaseCheckpoint checkpoint, ICheckpointVerifier verifier)
    {
        try
        {
            return verifier.Verify(checkpoint.SignedBytes(), Convert.FromBase64String(checkpoint.Signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>What is wrong with a case against its leaf, or null when its head is the leaf or extends it.</summary>
    private static CheckpointFinding? Problem(LeafRow row, long sequence)
    {
        var (leaf, n) = (row.Leaf, sequence.ToString(CultureInfo.InvariantCulture));
        if (row.Version is not { } version)
        {
            return new CheckpointFinding(leaf.CaseId, $"the case is missing: checkpoint {n} covers it at version {leaf.Version}");
        }

        if (version < leaf.Version)
        {
            return new CheckpointFinding(leaf.CaseId, $"the case was rolled back: it is at version {version}, checkpoint {n} covers version {leaf.Version}");
        }

        if (version == leaf.Version && row.Head != leaf.HeadHash)
        {
            return new CheckpointFinding(leaf.CaseId, $"the head of version {version} is not the head checkpoint {n} covers: the history was rewritten");
        }

        return version > leaf.Version && row.EventHash != leaf.HeadHash
            ? new CheckpointFinding(leaf.CaseId, $"event {leaf.Version} is no longer the head checkpoint {n} covers: the history was rewritten")
            : null;
    }

    private static async Task<List<CaseCheckpoint>> ReadCheckpointsAsync(DbConnection c, DbTransaction? tx, bool latestOnly, CancellationToken ct) =>
        await QueryAsync(c, tx, $"SELECT {CheckpointColumns} FROM checkpoints ORDER BY sequence{(latestOnly ? " DESC LIMIT 1" : "")}",
            r => new CaseCheckpoint(Long(r, 0), Timestamps.FromMillis(Long(r, 1)), Long(r, 2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6)), ct);

    private static LeafRow ReadRow(DbDataReader r) =>
        new(new CheckpointLeaf(r.GetString(0), Long(r, 1), r.GetString(2)), NullableLong(r, 3), NullableString(r, 4), NullableString(r, 5));

    private sealed record LeafRow(CheckpointLeaf Leaf, long? Version, string? Head, string? EventHash);
}
