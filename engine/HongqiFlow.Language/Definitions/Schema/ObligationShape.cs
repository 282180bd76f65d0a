using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("后续义务：有期限、可晚于主流程结束的职责 / an obligation: a deadline-bound duty that can outlive the main flow")]
internal sealed class ObligationShape
{
    [Required]
    [Description("义务名称 / obligation name")]
    public string? Name { get; set; }

    [Required]
    [ShapeForm(ShapeForm.Duration)]
    [Description("履行期限，自开启起计算 / deadline, counted from when the obligation opens")]
    public string? Within { get; set; }

    [Description("逾期时进入的状态；缺省仅预警 / the state the case moves to when breached; absent only warns")]
    public string? OnBreach { get; set; }

    [ShapeForm(ShapeForm.DurationList)]
    [Description("提醒：到期前多久提醒 / reminders, each this long before the due time")]
    public object? Remind { get; set; }
}
