using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("通知规则 / a notification rule")]
internal sealed class NotificationShape
{
    [Required]
    [ShapeForm(ShapeForm.NotifyTrigger)]
    [Description("触发时机：enter 状态、event 事件、warning yellow|red、obligation 编号 opened|due|overdue|breached|fulfilled / trigger")]
    public string? On { get; set; }

    [Required]
    [Description("接收方：applicant、window、supervisor、lead 或 department:ID / recipient")]
    public string? To { get; set; }

    [Required]
    [Description("模板编号 / template id")]
    public string? Template { get; set; }

    [Description("渠道：sms、portal、email… / channel")]
    public string? Channel { get; set; }
}
