namespace HongqiFlow.Hosting.Demo;

/// <summary>How much demonstration data to make: cases spread over the working days of the weeks before <see cref="End"/>.</summary>
public sealed record DemoOptions
{
    /// <summary>The instant the simulated weeks end at; cases still open then stay open (the real clock takes over).</summary>
    public required DateTimeOffset End { get; init; }

    public int Cases { get; init; } = 300;

    public int Weeks { get; init; } = 8;

    /// <summary>The random seed: the same seed, store and catalog give the same cases.</summary>
    public int Seed { get; init; } = 20_261_126;

    /// <summary>Seed even when the store already holds cases (never the default: demo data must not mix with real cases unasked).</summary>
    public bool Force { get; init; }
}
