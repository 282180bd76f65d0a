using HongqiFlow.Progress;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HongqiFlow.Cli.Commands;

/// <summary>
/// The progress of a long command (demo, audit verify, backup, restore, and the migrations and catalog import of opening
/// a store): on a terminal a Spectre.Console progress bar per activity with the count and the time left, on standard
/// error so standard output stays the command's result; elsewhere (a pipe, a log, CI) <see cref="PlainProgress"/>'s
/// periodic lines on the command's error writer.
/// </summary>
internal static class CliProgress
{
    /// <summary>Runs <paramref name="run"/> with the progress that suits where <paramref name="error"/> goes.</summary>
    public static async Task<T> RunAsync<T>(TextWriter error, Func<IOperationProgress, Task<T>> run)
    {
        if (!IsTerminal(error))
        {
            return await run(new PlainProgress(error));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new CountColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(context => run(new TerminalProgress(context)));
    }

    /// <summary>A terminal that shows a bar: the real console's standard error, not redirected, not a dumb terminal, not CI.</summary>
    internal static bool IsTerminal(TextWriter error) =>
        ReferenceEquals(error, Console.Error)
        && !Console.IsErrorRedirected
        && Environment.GetEnvironmentVariable("TERM") is not "dumb"
        && Environment.GetEnvironmentVariable("CI") is not { Length: > 0 };

    private sealed class TerminalProgress(ProgressContext context) : IOperationProgress
    {
        public IProgressCounter Start(string activity, long total, string unit)
        {
            var task = context.AddTask(Markup.Escape($"{activity} ({unit})"), autoStart: true, maxValue: Math.Max(1, total));
            task.IsIndeterminate = total <= 0;
            return new Bar(task);
        }
    }

    private sealed class Bar(ProgressTask task) : IProgressCounter
    {
        public void Advance(long count = 1) => task.Increment(count);

        public void SetTotal(long total)
        {
            task.MaxValue = Math.Max(1, total);
            task.IsIndeterminate = total <= 0;
        }

        public void Dispose()
        {
            task.IsIndeterminate = false;
            task.StopTask();
        }
    }

    /// <summary>"1,234/5,000": what the bar counts.</summary>
    private sealed class CountColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.IsIndeterminate
                ? FormattableString.Invariant($"{task.Value:N0}")
                : FormattableString.Invariant($"{task.Value:N0}/{task.MaxValue:N0}"));
    }
}
