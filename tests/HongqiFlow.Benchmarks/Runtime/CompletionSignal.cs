namespace HongqiFlow.Benchmarks.Runtime;

/// <summary>Completes when the expected number of workflows have run their last step.</summary>
public sealed class CompletionSignal
{
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public Task Done => _done.Task;

    public void Expect(int workflows)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, workflows);
    }

    public void Completed()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}
