using HongqiFlow.Scheduling;
using HongqiFlow.Storage;

namespace HongqiFlow.Hosting;

/// <summary>
/// The scheduler's handler for case timers: each claimed timer becomes <see cref="Runtime.Command.FireTimer"/> through
/// <see cref="CaseService.FireTimerAsync"/>, completed in the same append as its events so it fires exactly once;
/// a stale timer is completed without events.
/// </summary>
public sealed class CaseTimerHandler(CaseService cases) : ITimerHandler
{
    public async Task HandleAsync(ClaimedTimer timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await cases.FireTimerAsync(timer, cancellationToken);
    }
}
