using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("通知模板，正文可含 {{占位符}} / a notification template; the body may contain {{placeholders}}")]
internal sealed class TemplateShape
{
    [Required]
    [Description("标题 / title")]
    public string? Title { get; set; }

    [Required]
    [Description("正文 / body")]
    public string? Body { get; set; }

    [ShapeForm(ShapeForm.NameOrList)]
    [Description("正文所述结果成立的触发时机（与 notify 的 on: 写法相同），例如 obligation verification breached；只能绑定到这些触发时机 / the trigger(s) whose outcome the text states; rules may bind it only to these")]
    public object? For { get; set; }
}
