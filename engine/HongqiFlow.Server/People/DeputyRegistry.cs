using System.Collections.Immutable;
using System.Text.Json;
using HongqiFlow.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HongqiFlow.Server.People;

/// <summary>代理: a person's deputy for a period, with the principal's department and positions at the time it was named.</summary>
public sealed record Deputy(string Principal, string? PrincipalName, IReadOnlyList<string> Departments, IReadOnlyList<string> Positions, string DeputyId, DateTimeOffset From, DateTimeOffset Until)
{
    public bool ActiveAt(DateTimeOffset now) => From <= now && now < Until;
}

/// <summary>
/// Who deputises for whom (代理), kept in the store (<see cref="IDeputyStore"/>, table <c>deputies</c>) and read from
/// memory. Started as a hosted service once the store is open: it loads every deputy before the server answers, writes
/// a named or ended deputy through to the store, and reads the store again every <see cref="Refresh"/>
/// (<c>Hongqi:DeputyRefresh</c>, 30 s by default), so a deputy named on another node acts here within that delay. What
/// a deputy does is in the case history, where each event carries the deputy as the actor and the principal as
/// <c>onBehalfOf</c>.
/// </summary>
public sealed partial class DeputyRegistry(IDeputyStore store, TimeProvider time, TimeSpan refresh, ILogger<DeputyRegistry> log) : IHostedService, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _gate = new();
    private CancellationTokenSource? _stopping;
    private ImmutableDictionary<string, Deputy> _byPrincipal = ImmutableDictionary.Create<string, Deputy>(StringComparer.Ordinal);
    private long _writes;
    private Task? _refreshing;

    /// <summary>How often the registry reads the store again, to see deputies named or ended on other nodes.</summary>
    public TimeSpan Refresh => refresh;

    public Deputy? Of(string principal) => Volatile.Read(ref _byPrincipal).TryGetValue(principal, out var d) ? d : null;

    /// <summary>Names <paramref name="deputy"/> for its principal, replacing one named before: in the store, then here.</summary>
    public async Task NameAsync(Deputy deputy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deputy);
        await store.SaveDeputyAsync(deputy.Principal, JsonSerializer.Serialize(deputy, Json), time.GetUtcNow(), cancellationToken);
        lock (_gate)
        {
            _writes++;
            _byPrincipal = _byPrincipal.SetItem(deputy.Principal, deputy);
        }
    }

    /// <summary>Ends the deputy of <paramref name="principal"/>; false when none was named (here or in the store).</summary>
    public async Task<bool> RemoveAsync(string principal, CancellationToken cancellationToken = default)
    {
        var removed = await store.RemoveDeputyAsync(principal, cancellationToken);
        lock (_gate)
        {
            _writes++;
            removed |= _byPrincipal.ContainsKey(principal);
            _byPrincipal = _byPrincipal.Remove(principal);
        }

        return removed;
    }

    /// <summary>The principals <paramref name="deputyId"/> acts for at <paramref name="now"/>.</summary>
    public IReadOnlyList<Deputy> PrincipalsOf(string deputyId, DateTimeOffset now) =>
        [.. Volatile.Read(ref _byPrincipal).Values.Where(d => d.DeputyId == deputyId && d.ActiveAt(now)).OrderBy(d => d.Principal, StringComparer.Ordinal)];

    /// <summary>
    /// Reads every deputy from the store and replaces what is held here, unless this node named or ended one while it
    /// read (then the next refresh takes the store as it is after that write).
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        long before;
        lock (_gate)
        {
            before = _writes;
        }

        var rows = await store.ListDeputiesAsync(cancellationToken);
        var read = ImmutableDictionary.CreateBuilder<string, Deputy>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            try
            {
                if (JsonSerializer.Deserialize<Deputy>(row.DeputyJson, Json) is { } deputy && deputy.Principal == row.Principal)
                {
                    read[row.Principal] = deputy;
                    continue;
                }
            }
            catch (JsonException)
            {
            }

            LogUnreadable(log, row.Principal);
        }

        lock (_gate)
        {
            if (_writes == before)
            {
                _byPrincipal = read.ToImmutable();
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        if (Refresh > TimeSpan.Zero)
        {
            var stopping = new CancellationTokenSource();
            _stopping = stopping;
            _refreshing = RefreshAsync(stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopping, null) is not { } stopping)
        {
            return;
        }

        await stopping.CancelAsync();
        if (_refreshing is { } refreshing)
        {
            await refreshing.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        stopping.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopping, null) is { } stopping)
        {
            stopping.Cancel();
            stopping.Dispose();
        }
    }

    private async Task RefreshAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Refresh, time, stopping);
                await ReloadAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // What was read before stays in force; the next refresh tries again.
                LogRefreshFailed(log, ex);
            }
        }
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Warning, Message = "The deputy record of {Principal} in the store cannot be read; it is ignored")]
    private static partial void LogUnreadable(ILogger logger, string principal);

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "Reading the deputies from the store failed; the deputies read before stay in force")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
