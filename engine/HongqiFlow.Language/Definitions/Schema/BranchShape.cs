using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("并联分支：一个部门独立办理的子流程 / a parallel branch: one department's own small state machine")]
internal sealed class BranchShape
{
    [Required]
    [Description("办理部门 / the department of the branch")]
    public string? Department { get; set; }

    [Description("显示名称 / display name")]
    public string? Title { get; set; }

    [ShapeForm(ShapeForm.Duration)]
    [Description("分支时限，如 3wh / branch time limit, e.g. 3wh")]
    public string? Limit { get; set; }

    [ShapeValues("warn", "approve", "reject")]
    [Description("超时处理：warn 仅预警，approve 超时默认同意，reject 视为不同意 / on timeout: warn only, approve (deemed approved), reject (deemed refused)")]
    public string? OnTimeout { get; set; }

    [Description("使用的片段名（与 states 二选一）/ the fragment used as the branch body (instead of states)")]
    public string? Use { get; set; }

    [Description("内联的分支状态（与 use 二选一）/ inline branch states (instead of use)")]
    public Dictionary<string, StateShape>? States { get; set; }
}
