using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("岗位 / a position of a department")]
internal sealed class PositionShape
{
    [Required]
    [Description("岗位名称，如 承办人 / position name, e.g. 承办人")]
    public string? Name { get; set; }

    [Description("可分派任务、加签减签（部门负责人）/ holders may assign tasks and add or remove signers (a leader)")]
    public bool? Assigns { get; set; }
}
