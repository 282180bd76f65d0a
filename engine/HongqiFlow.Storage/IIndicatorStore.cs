namespace HongqiFlow.Storage;

/// <summary>
/// One case's share of the supervision indicators, as the server's indicator projection worked it out at
/// <see cref="Version"/>: the counts it adds to each scope it counts in (the store adds them up per day and scope
/// without looking at what they mean), and, while its clock runs towards a limit, the instants from which it is
/// overdue (promised and statutory), which the reader compares with its own clock.
/// </summary>
/// <param name="Scopes">The scopes the case counts in (<c>item:…</c>, <c>department:…</c>).</param>
/// <param name="Counts">The case's counts, the same length for every case.</param>
/// <param name="PromisedOverdueFrom">The first instant at which the running clock is past the promised limit.</param>
/// <param name="StatutoryOverdueFrom">The same for the statutory limit.</param>
public sealed record IndicatorRow(
    string CaseId,
    long Version,
    DateTimeOffset StartedAt,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<long> Counts,
    DateTimeOffset? PromisedOverdueFrom,
    DateTimeOffset? StatutoryOverdueFrom)
{
    /// <summary>The clock runs towards a limit not yet passed: the reader adds the overdue counts its own clock gives.</summary>
    public bool Running => PromisedOverdueFrom is not null || StatutoryOverdueFrom is not null;
}

/// <summary>The sum of the counts of the cases started on one UTC day that count in one scope.</summary>
/// <param name="Day">Days since 1970-01-01 (UTC).</param>
public sealed record IndicatorTotal(long Day, string Scope, IReadOnlyList<long> Counts);

/// <summary>A case whose indicator row is missing or older than the case.</summary>
public sealed record IndicatorLag(string CaseId, string DefinitionId, long Version);

/// <summary>
/// The indicator projection kept in the store: one row per case and running totals per day and scope, changed
/// together in one transaction, so the dashboard adds up days rather than cases. The per-case row's version is the
/// projection's checkpoint: a case newer than its row is projected again (<see cref="ListIndicatorLagAsync"/>).
/// </summary>
public interface IIndicatorStore
{
    /// <summary>
    /// Writes each row and moves its counts into the totals (taking the case's previous counts out of its previous day
    /// and scopes); a row not newer than the one stored is skipped. Returns how many rows were written.
    /// </summary>
    Task<int> ApplyIndicatorsAsync(IReadOnlyList<IndicatorRow> rows, CancellationToken cancellationToken = default);

    /// <summary>The totals of the days in [<paramref name="fromDay"/>, <paramref name="toDay"/>).</summary>
    Task<IReadOnlyList<IndicatorTotal>> ReadIndicatorTotalsAsync(long fromDay, long toDay, CancellationToken cancellationToken = default);

    /// <summary>The rows of the cases started in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<IReadOnlyList<IndicatorRow>> ReadIndicatorRowsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>The rows whose clock runs towards a limit (<see cref="IndicatorRow.Running"/>).</summary>
    Task<IReadOnlyList<IndicatorRow>> ReadRunningIndicatorRowsAsync(CancellationToken cancellationToken = default);

    /// <summary>At most <paramref name="max"/> cases with no indicator row or an older one, in case-id order after <paramref name="afterCaseId"/>.</summary>
    Task<IReadOnlyList<IndicatorLag>> ListIndicatorLagAsync(string? afterCaseId, int max, CancellationToken cancellationToken = default);
}
