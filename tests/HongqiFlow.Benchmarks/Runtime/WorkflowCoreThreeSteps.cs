using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace HongqiFlow.Benchmarks.Runtime;

/// <summary>WorkflowCore's side of the start-to-completion comparison: the same three steps, check → approve → issue.</summary>
public sealed class WorkflowCoreThreeSteps : IWorkflow<WorkflowCoreThreeSteps.Data>
{
    public const string WorkflowId = "three-steps";

    public string Id => WorkflowId;

    public int Version => 1;

    public void Build(IWorkflowBuilder<Data> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.StartWith<Check>().Then<Approve>().Then<Issue>();
    }

    /// <summary>WorkflowCore requires a data class; the steps carry nothing, as the engine's automatic steps carry nothing.</summary>
    public sealed class Data
    {
    }

    public sealed class Check : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
    }

    public sealed class Approve : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
    }

    /// <summary>The last step tells the benchmark its workflow has completed.</summary>
    public sealed class Issue(CompletionSignal signal) : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context)
        {
            signal.Completed();
            return ExecutionResult.Next();
        }
    }
}
