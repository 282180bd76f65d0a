using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using HongqiFlow.Hosting;
using HongqiFlow.Runtime;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;

namespace HongqiFlow.Benchmarks.Runtime;

/// <summary>
/// Start-to-completion of a three-step flow against WorkflowCore 3.22
/// with its in-memory persistence. Target: at least 30× WorkflowCore's throughput on one thread and 15× on both cores, at most 2 KB per case.
/// <list type="bullet">
/// <item>WorkflowCore: per workflow <c>StartWorkflow</c> (instance persisted in memory, queued); its host runs the
/// three steps on its consumer tasks, persisting after each pass; the last step signals completion. Configured for
/// throughput: 10 ms poll interval, 1 ms idle time, 16 concurrent workflows, no lifecycle events, event
/// consumer or index, no logging providers. A fresh host per iteration, so completed instances never pile up.</item>
/// <item>HongqiFlow: per case one <c>start</c> command through <see cref="Engine.Decide"/>; the three
/// <c>by: system</c> steps fire inside that decision (each a transition with its events, the clock started and
/// stopped, the outcome set), and the events and final state are kept in an in-memory store (a concurrent dictionary
/// by case id). Cases are independent and a compiled definition is shared safely, so the cases are decided in
/// parallel on every core (<see cref="Parallel.For(int, int, Func{int}, Func{int, ParallelLoopState, int, int}, Action{int})"/>,
/// a count per worker), as WorkflowCore's consumers use every core: each side in its best-throughput configuration.
/// <c>HongqiFlowDecideOneThread</c> decides the same cases on one thread: on a machine whose cores are busy with other
/// work, a second worker gains little, and the pair shows what parallelism adds.</item>
/// </list>
/// </summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class StartToCompletionBenchmarks
{
    /// <summary>WorkflowCore workflows per invocation: about 100 ms of its host's work.</summary>
    private const int Workflows = 1000;

    /// <summary>
    /// HongqiFlow cases per invocation. A thousand take about 10 ms, too short to time well and too few for the JIT to
    /// finish optimising within the warmup; ten thousand take about as long as WorkflowCore's thousand. Both sides
    /// report time per workflow (OperationsPerInvoke), so the ratio is of throughput either way.
    /// </summary>
    private const int Cases = 10_000;

    /// <summary>HongqiFlow cases per invocation, for what a case allocates.</summary>
    public const int CasesPerInvocation = Cases;

    private DefinitionLibrary? _library;
    private CompiledDefinition? _definition;
    private string[] _caseIds = [];
    private ConcurrentDictionary<string, (IReadOnlyList<CaseEvent> Events, CaseState State)> _store = new(StringComparer.Ordinal);
    private ServiceProvider? _services;
    private IWorkflowHost? _host;
    private CompletionSignal? _signal;

    [GlobalSetup]
    public void Setup()
    {
        (_library, _definition) = BenchmarkDefinitions.Compile(BenchmarkDefinitions.ThreeAutomaticSteps, "bench-three-steps.yaml");
        _caseIds = [.. Enumerable.Range(0, Cases).Select(i => $"case-{i}")];
        _store = new ConcurrentDictionary<string, (IReadOnlyList<CaseEvent>, CaseState)>(Environment.ProcessorCount, Cases, StringComparer.Ordinal);
    }

    [GlobalCleanup]
    public void Cleanup() => _library?.Dispose();

    [IterationSetup(Target = nameof(WorkflowCoreInMemory))]
    public void StartWorkflowCoreHost()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<CompletionSignal>();
        services.AddTransient<WorkflowCoreThreeSteps.Issue>();
        services.AddWorkflow(options =>
        {
            options.UsePollInterval(TimeSpan.FromMilliseconds(10));
            options.UseIdleTime(TimeSpan.FromMilliseconds(1));
            options.UseMaxConcurrentWorkflows(16);
            options.EnableEvents = false;
            options.EnableIndexes = false;
            options.EnableLifeCycleEventsPublisher = false;
        });
        _services = services.BuildServiceProvider();
        _signal = _services.GetRequiredService<CompletionSignal>();
        _host = _services.GetRequiredService<IWorkflowHost>();
        _host.RegisterWorkflow<WorkflowCoreThreeSteps, WorkflowCoreThreeSteps.Data>();
        _host.Start();
    }

    [IterationCleanup(Target = nameof(WorkflowCoreInMemory))]
    public void StopWorkflowCoreHost()
    {
        _host!.Stop();
        _services!.Dispose();
    }

    [IterationSetup(Targets = [nameof(HongqiFlowDecide), nameof(HongqiFlowDecideOneThread)])]
    public void ClearStore() => _store.Clear();

    [Benchmark(Baseline = true, OperationsPerInvoke = Workflows)]
    public async Task WorkflowCoreInMemory()
    {
        _signal!.Expect(Workflows);
        for (var i = 0; i < Workflows; i++)
        {
            await _host!.StartWorkflow(WorkflowCoreThreeSteps.WorkflowId, 1, new WorkflowCoreThreeSteps.Data());
        }

        // A host that stalls must fail the run, not hang it.
        await _signal.Done.WaitAsync(TimeSpan.FromMinutes(2));
    }

    [Benchmark(OperationsPerInvoke = Cases)]
    public int HongqiFlowDecide()
    {
        var completed = 0;
        Parallel.For(
            0,
            Cases,
            () => 0,
            (i, _, done) =>
            {
                var caseId = _caseIds[i];
                var accepted = (Accepted)Engine.Decide(_definition!, CaseState.Initial(_definition!, caseId), BenchmarkDefinitions.Start(caseId), BenchmarkDefinitions.Now);
                _store[caseId] = (accepted.Events, accepted.NewState);
                return accepted.NewState.Outcome is not null ? done + 1 : done;
            },
            done => Interlocked.Add(ref completed, done));

        return completed == Cases
            ? completed
            : throw new InvalidOperationException($"only {completed} of {Cases} cases reached their final state");
    }

    [Benchmark(OperationsPerInvoke = Cases)]
    public int HongqiFlowDecideOneThread()
    {
        var completed = 0;
        foreach (var caseId in _caseIds)
        {
            var accepted = (Accepted)Engine.Decide(_definition!, CaseState.Initial(_definition!, caseId), BenchmarkDefinitions.Start(caseId), BenchmarkDefinitions.Now);
            _store[caseId] = (accepted.Events, accepted.NewState);
            completed += accepted.NewState.Outcome is not null ? 1 : 0;
        }

        return completed == Cases
            ? completed
            : throw new InvalidOperationException($"only {completed} of {Cases} cases reached their final state");
    }
}
