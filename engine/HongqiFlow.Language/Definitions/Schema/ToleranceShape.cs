using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("容缺受理规则 / tolerance rule: accept with some tolerable materials missing")]
internal sealed class ToleranceShape
{
    [Description("最多可容缺的材料件数 / the most tolerable materials that may be missing at once")]
    public int? MaxMissing { get; set; }

    [Required]
    [ShapeForm(ShapeForm.Duration)]
    [Description("补齐期限，自受理起计算 / deadline to supply the missing materials, counted from acceptance")]
    public string? SupplementWithin { get; set; }

    [Required]
    [Description("逾期未补齐时进入的状态 / the state the case moves to when the supplement deadline passes")]
    public string? OnBreach { get; set; }

    [Description("失信申请人不适用容缺（默认 true）/ applicants with bad credit may not use tolerance (default true)")]
    public bool? ExcludeBadCredit { get; set; }
}
