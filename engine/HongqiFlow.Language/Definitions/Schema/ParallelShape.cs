using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("并联审批 / parallel approval")]
internal sealed class ParallelShape
{
    [ShapeForm(ShapeForm.Join)]
    [Description("汇合规则：all 全部同意，any 任一同意，{ atLeast: N } 至少 N 个同意 / join policy: all, any, or { atLeast: N }")]
    public object? Join { get; set; }

    [Description("分支不同意且汇合无法满足时：进入的状态，或 suspend 中止等待 / when a refusal makes the join unsatisfiable: the state to go to, or suspend")]
    public string? OnReject { get; set; }

    [Required]
    [Description("分支，键为分支名 / the branches, keyed by branch name")]
    public Dictionary<string, BranchShape>? Branches { get; set; }
}
