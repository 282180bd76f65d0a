using HongqiFlow.Storage;

namespace HongqiFlow.Scheduling;

/// <summary>
/// Turns a fired timer into a system command. The handler completes the timer itself, in the same append as the
/// events it causes (<see cref="AppendRequest.CompletesTimer"/>), or with <see cref="ICaseStore.CompleteTimerAsync"/>
/// when nothing follows; a handler that throws leaves the timer to fire again when its lease runs out.
/// </summary>
public interface ITimerHandler
{
    Task HandleAsync(ClaimedTimer timer, CancellationToken cancellationToken);
}
