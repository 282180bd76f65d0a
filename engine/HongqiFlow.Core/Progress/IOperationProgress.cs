namespace HongqiFlow.Progress;

/// <summary>
/// Where a long operation (the demo, audit verify, a backup, the catalog import, store migrations) reports how far it
/// is. The command line shows it as a progress bar on a terminal and as plain periodic lines elsewhere
/// (<see cref="PlainProgress"/>); code that runs without anyone watching passes <see cref="OperationProgress.None"/>.
/// </summary>
public interface IOperationProgress
{
    /// <summary>Starts counting one activity, e.g. <c>Start("audit verify", 1200, "cases")</c>; a total of 0 means not known.</summary>
    IProgressCounter Start(string activity, long total, string unit);
}

/// <summary>One activity's count; disposing it says the activity is over.</summary>
public interface IProgressCounter : IDisposable
{
    /// <summary>Counts <paramref name="count"/> more units done; safe from several threads.</summary>
    void Advance(long count = 1);

    /// <summary>Sets the total once it is known (or when it turned out other than expected).</summary>
    void SetTotal(long total);
}

/// <summary>The progress that reports nowhere.</summary>
public static class OperationProgress
{
    public static IOperationProgress None { get; } = new Nowhere();

    private sealed class Nowhere : IOperationProgress, IProgressCounter
    {
        public IProgressCounter Start(string activity, long total, string unit) => this;

        public void Advance(long count = 1)
        {
        }

        public void SetTotal(long total)
        {
        }

        public void Dispose()
        {
        }
    }
}
