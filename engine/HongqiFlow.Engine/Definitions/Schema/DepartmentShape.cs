using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("部门 / a department")]
internal sealed class DepartmentShape
{
    [Required]
    [Description("部门名称 / department name")]
    public string? Name { get; set; }

    [Description("岗位，键为岗位编号 / positions, keyed by position id")]
    public Dictionary<string, PositionShape>? Positions { get; set; }

    [Description("人员，键为人员编号（令牌的 sub）/ people, keyed by person id (the token's sub)")]
    public Dictionary<string, PersonShape>? People { get; set; }
}
