using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("特别程序（听证、专家评审、检验检测…）/ a special procedure (hearing, expert review, inspection…)")]
internal sealed class SpecialProcedureShape
{
    [Required]
    [Description("特别程序编号 / procedure id")]
    public string? Id { get; set; }

    [Required]
    [Description("特别程序名称 / procedure name")]
    public string? Name { get; set; }

    [ShapeForm(ShapeForm.Duration)]
    [Description("最长期限 / the longest the procedure may last")]
    public string? Max { get; set; }
}
