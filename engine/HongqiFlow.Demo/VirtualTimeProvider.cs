namespace HongqiFlow.Hosting.Demo;

/// <summary>A clock that stands still until moved: the demo seeder replays weeks of work in seconds with it.</summary>
public sealed class VirtualTimeProvider(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Moves the clock forward (never back: events of a case are recorded in time order).</summary>
    public void MoveTo(DateTimeOffset instant)
    {
        if (instant > Now)
        {
            Now = instant;
        }
    }
}
