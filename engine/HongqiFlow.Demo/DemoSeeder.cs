using HongqiFlow.Progress;
using HongqiFlow.Runtime;
using HongqiFlow.Storage;

namespace HongqiFlow.Hosting.Demo;

/// <summary>
/// Fills a fresh store with demonstration cases: a few hundred applications across the published catalog over the
/// working days of the weeks before <see cref="DemoOptions.End"/>, each driven through <see cref="CaseService"/> on a
/// <see cref="VirtualTimeProvider"/> with only the events the engine permits, timers fired when due. Every case is
/// real history (the dashboard's figures are computed from it); the mix — complete, tolerated, one-time notice,
/// commitment, refusals, late departments, ratings good and bad — is drawn from a seeded random source, so the same
/// seed gives the same cases. Used by <c>hongqi demo</c>, <c>hongqi serve --demo</c> and the tests.
/// </summary>
/// <param name="store">The store to fill.</param>
/// <param name="registry">The published catalog.</param>
/// <param name="realTime">The real clock (the system's when null), which a server's scheduler on the same store reads.</param>
public sealed class DemoSeeder(ICaseStore store, DefinitionRegistry registry, TimeProvider? realTime = null)
{
    private const string NodeId = "demo-seeder";

    public Task<DemoReport> SeedAsync(DemoOptions options, CancellationToken cancellationToken = default) =>
        SeedAsync(options, OperationProgress.None, cancellationToken);

    /// <summary>The same, counting the cases whose simulated life is over on <paramref name="progress"/>.</summary>
    public async Task<DemoReport> SeedAsync(DemoOptions options, IOperationProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Cases, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Weeks, 1);
        if (!options.Force && (await store.ListCasesAsync(new CaseQuery(null, null, null, 1), cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            throw new DemoStoreNotEmptyException();
        }

        var latest = await registry.Store.ListLatestAsync(cancellationToken).ConfigureAwait(false);
        var definitions = new List<CompiledDefinition>();
        foreach (var code in latest.Select(v => v.Code).Order(StringComparer.Ordinal))
        {
            definitions.Add(await registry.FindAsync(code, cancellationToken).ConfigureAwait(false));
        }

        if (definitions.Count == 0)
        {
            throw new InvalidOperationException("the catalog has no published item to make demonstration cases of");
        }

        var from = options.End.AddDays(-7 * options.Weeks);
        var clock = new VirtualTimeProvider(from);
        var cases = new CaseService(store, registry, clock);
        var random = new Random(options.Seed);
        var queue = new PriorityQueue<DemoCase, (DateTimeOffset At, int Index)>();
        for (var i = 0; i < options.Cases; i++)
        {
            var definition = definitions[random.Next(definitions.Count)];
            // A few cases arrive in the last days, so worklists have open tasks when the demo starts.
            var start = random.NextDouble() < 0.06 ? StartInstant(definition, options.End.AddDays(-3), options.End, random) : StartInstant(definition, from, options.End, random);
            var demo = DemoCase.Plan(i, definition, random, start);
            queue.Enqueue(demo, (demo.Start, i));
        }

        var commands = 0;
        var timers = 0;
        using (var counter = progress.Start("demo", options.Cases, "cases"))
        {
            while (queue.TryDequeue(out var demo, out var at))
            {
                clock.MoveTo(at.At);
                timers += await FireDueTimersAsync(cases, clock.Now, options.End, cancellationToken).ConfigureAwait(false);
                var step = await demo.StepAsync(cases, random, clock.Now, cancellationToken).ConfigureAwait(false);
                commands += step.Commands;
                if (step.Next is { } next && next <= options.End)
                {
                    queue.Enqueue(demo, (next, at.Index));
                }
                else
                {
                    counter.Advance();
                }
            }
        }

        clock.MoveTo(options.End);
        timers += await FireDueTimersAsync(cases, clock.Now, options.End, cancellationToken).ConfigureAwait(false);

        var finished = 0;
        string? after = null;
        while (true)
        {
            var rows = await store.ListCasesAsync(new CaseQuery("finished", null, after, 500), cancellationToken).ConfigureAwait(false);
            finished += rows.Count;
            if (rows.Count < 500)
            {
                break;
            }

            after = rows[^1].CaseId;
        }

        return new DemoReport(options.Cases, finished, options.Cases - finished, commands, timers, from, options.End);
    }

    /// <summary>A moment within office hours (09:00–17:00 on the item's calendar) on a working day of the period.</summary>
    private static DateTimeOffset StartInstant(CompiledDefinition definition, DateTimeOffset from, DateTimeOffset end, Random random)
    {
        var calendar = definition.Calendar;
        var days = Math.Max(1, (int)(end - from).TotalDays);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var local = TimeZoneInfo.ConvertTime(from.AddDays(random.Next(days)), calendar.TimeZone);
            var date = DateOnly.FromDateTime(local.DateTime);
            if (!calendar.IsWorkingDay(date))
            {
                continue;
            }

            var minutes = 9 * 60 + random.Next(8 * 60);
            var offset = calendar.TimeZone.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue));
            var instant = new DateTimeOffset(date.ToDateTime(new TimeOnly(minutes / 60, minutes % 60)), offset);
            if (instant >= from && instant < end)
            {
                return instant;
            }
        }

        return from;
    }

    /// <summary>
    /// Claims and fires the timers due by the simulated <paramref name="now"/>. A claim's lease is counted from the
    /// simulated clock, weeks behind the real one; it is stretched to reach five minutes past the later of the period's
    /// end and the real time, so a server's scheduler on the same store (counting from the real clock) does not take a
    /// timer back while the seeder fires it.
    /// </summary>
    private async Task<int> FireDueTimersAsync(CaseService cases, DateTimeOffset now, DateTimeOffset end, CancellationToken ct)
    {
        var fired = 0;
        var real = (realTime ?? TimeProvider.System).GetUtcNow();
        var lease = (end > real ? end : real) - now + TimeSpan.FromMinutes(5);
        while (true)
        {
            var due = await store.ClaimDueTimersAsync(now, NodeId, lease, 200, ct).ConfigureAwait(false);
            if (due.Count == 0)
            {
                return fired;
            }

            foreach (var timer in due)
            {
                await cases.FireTimerAsync(timer, ct).ConfigureAwait(false);
                fired++;
            }
        }
    }
}
