using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("告知承诺规则 / commitment rule: decide on the applicant's pledge, verify afterwards")]
internal sealed class CommitmentShape
{
    [Required]
    [ShapeForm(ShapeForm.Duration)]
    [Description("事后核查期限，自作出决定起计算 / deadline of the post-verification, counted from the decision")]
    public string? VerifyWithin { get; set; }

    [Required]
    [Description("承诺不实时进入的状态（通常为撤销）/ the state a false pledge moves the case to (usually revoked)")]
    public string? OnFalse { get; set; }

    [Description("有虚假承诺记录者不适用告知承诺（默认 true）/ applicants with a past false pledge may not use commitment (default true)")]
    public bool? ExcludeFalsePledgeHistory { get; set; }
}
