using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("部门 / a department")]
internal sealed class DepartmentShape
{
    [Required]
    [Description("部门名称 / department name")]
    public string? Name { get; set; }
}
