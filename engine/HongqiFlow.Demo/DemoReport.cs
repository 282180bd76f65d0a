namespace HongqiFlow.Hosting.Demo;

/// <summary>What the demo seeder made: cases started, finished and still running, commands sent and timers fired, the period.</summary>
public sealed record DemoReport(int Cases, int Finished, int Running, int Commands, int TimersFired, DateTimeOffset From, DateTimeOffset To)
{
    public override string ToString() =>
        $"{Cases} cases ({Finished} finished, {Running} running), {Commands} commands, {TimersFired} timers fired, {From:yyyy-MM-dd} … {To:yyyy-MM-dd}";
}
