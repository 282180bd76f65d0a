using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using static HongqiFlow.Storage.Sql.SqlCommands;

namespace HongqiFlow.Storage.Sql;

/// <summary>
/// The indicator projection's statements shared by SQLite and PostgreSQL (the tables of <see cref="StoreTables.Indicators"/>).
/// Counts are stored as comma-separated integers; a total with no counts yet is the empty string.
/// </summary>
public static class SqlIndicatorOperations
{
    /// <summary>One UTC day in milliseconds: the totals' period.</summary>
    public const long DayMillis = 86_400_000;

    private const string Columns = "case_id, version, started_at, scopes, counts, promised_from, statutory_from";

    /// <summary>The UTC day of an instant (days since 1970-01-01, floored for instants before it).</summary>
    public static long DayOf(long millis) => (long)Math.Floor(millis / (double)DayMillis);

    /// <param name="forUpdate">" FOR UPDATE" where several writers share the database (PostgreSQL), else empty.</param>
    public static async Task<int> ApplyAsync(DbConnection c, DbTransaction tx, IReadOnlyList<IndicatorRow> rows, string forUpdate, CancellationToken ct)
    {
        var deltas = new SortedDictionary<(long Day, string Scope), long[]>(Comparer<(long Day, string Scope)>.Create((a, b) =>
            a.Day != b.Day ? a.Day.CompareTo(b.Day) : string.CompareOrdinal(a.Scope, b.Scope)));
        void Add(long day, IEnumerable<string> scopes, IReadOnlyList<long> counts, int sign)
        {
            foreach (var scope in scopes)
            {
                if (!deltas.TryGetValue((day, scope), out var sum))
                {
                    deltas[(day, scope)] = sum = new long[counts.Count];
                }

                Accumulate(ref sum, counts, sign);
                deltas[(day, scope)] = sum;
            }
        }

        var written = 0;
        foreach (var row in rows.GroupBy(r => r.CaseId, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.Version)!).OrderBy(r => r.CaseId, StringComparer.Ordinal))
        {
            // A placeholder first, so that two writers of a new case's row wait for each other on it.
            await ExecuteAsync(c, tx, "INSERT INTO indicator_cases (case_id, version, started_at, scopes, counts, running) VALUES (@id, 0, 0, '[]', '', 0) ON CONFLICT (case_id) DO NOTHING", ct, ("id", row.CaseId));
            var old = (await QueryAsync(c, tx, $"SELECT {Columns} FROM indicator_cases WHERE case_id = @id{forUpdate}", Read, ct, ("id", row.CaseId)))[0];
            if (old.Version >= row.Version)
            {
                continue;
            }

            Add(DayOf(Timestamps.ToMillis(old.StartedAt)), old.Scopes, old.Counts, -1);
            Add(DayOf(Timestamps.ToMillis(row.StartedAt)), row.Scopes, row.Counts, 1);
            await ExecuteAsync(c, tx,
                "UPDATE indicator_cases SET version = @v, started_at = @s, scopes = @sc, counts = @n, promised_from = @p, statutory_from = @st, running = @r WHERE case_id = @id", ct,
                ("id", row.CaseId), ("v", row.Version), ("s", Timestamps.ToMillis(row.StartedAt)), ("sc", JsonSerializer.Serialize(row.Scopes)), ("n", Format(row.Counts)),
                ("p", Millis(row.PromisedOverdueFrom)), ("st", Millis(row.StatutoryOverdueFrom)), ("r", row.Running ? 1L : 0L));
            written++;
        }

        foreach (var ((day, scope), delta) in deltas)
        {
            if (delta.All(d => d == 0))
            {
                continue;
            }

            await ExecuteAsync(c, tx, "INSERT INTO indicator_totals (day, scope, counts) VALUES (@d, @s, '') ON CONFLICT (day, scope) DO NOTHING", ct, ("d", day), ("s", scope));
            var current = Parse((await QueryAsync(c, tx, $"SELECT counts FROM indicator_totals WHERE day = @d AND scope = @s{forUpdate}", r => r.GetString(0), ct, ("d", day), ("s", scope)))[0]);
            Accumulate(ref current, delta, 1);
            await ExecuteAsync(c, tx, "UPDATE indicator_totals SET counts = @n WHERE day = @d AND scope = @s", ct, ("d", day), ("s", scope), ("n", Format(current)));
        }

        return written;
    }

    public static async Task<IReadOnlyList<IndicatorTotal>> TotalsAsync(DbConnection c, long fromDay, long toDay, CancellationToken ct) =>
        await QueryAsync(c, null, "SELECT day, scope, counts FROM indicator_totals WHERE day >= @f AND day < @t",
            r => new IndicatorTotal(Long(r, 0), r.GetString(1), Parse(r.GetString(2))), ct, ("f", fromDay), ("t", toDay));

    public static async Task<IReadOnlyList<IndicatorRow>> RowsAsync(DbConnection c, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        await QueryAsync(c, null, $"SELECT {Columns} FROM indicator_cases WHERE started_at >= @f AND started_at < @t AND version > 0", Read, ct,
            ("f", Timestamps.ToMillis(from)), ("t", Timestamps.ToMillis(to)));

    public static async Task<IReadOnlyList<IndicatorRow>> RunningAsync(DbConnection c, CancellationToken ct) =>
        await QueryAsync(c, null, $"SELECT {Columns} FROM indicator_cases WHERE running = 1", Read, ct);

    public static async Task<IReadOnlyList<IndicatorLag>> LagAsync(DbConnection c, string? after, int max, CancellationToken ct) =>
        await QueryAsync(c, null,
            "SELECT c.case_id, c.definition_id, c.version FROM cases c LEFT JOIN indicator_cases i ON i.case_id = c.case_id "
            + "WHERE c.case_id > @a AND (i.case_id IS NULL OR i.version < c.version) ORDER BY c.case_id LIMIT @m",
            r => new IndicatorLag(r.GetString(0), r.GetString(1), Long(r, 2)), ct, ("a", after ?? string.Empty), ("m", max));

    private static IndicatorRow Read(DbDataReader r) => new(
        r.GetString(0), Long(r, 1), Timestamps.FromMillis(Long(r, 2)), JsonSerializer.Deserialize<List<string>>(r.GetString(3)) ?? [], Parse(r.GetString(4)),
        NullableLong(r, 5) is { } p ? Timestamps.FromMillis(p) : null, NullableLong(r, 6) is { } s ? Timestamps.FromMillis(s) : null);

    private static long? Millis(DateTimeOffset? at) => at is { } a ? Timestamps.ToMillis(a) : null;

    private static void Accumulate(ref long[] sum, IReadOnlyList<long> counts, int sign)
    {
        if (sum.Length < counts.Count)
        {
            Array.Resize(ref sum, counts.Count);
        }

        for (var i = 0; i < counts.Count; i++)
        {
            sum[i] += sign * counts[i];
        }
    }

    private static string Format(IReadOnlyList<long> counts) => string.Join(',', counts.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private static long[] Parse(string text) => text.Length == 0 ? [] : [.. text.Split(',').Select(n => long.Parse(n, CultureInfo.InvariantCulture))];
}
