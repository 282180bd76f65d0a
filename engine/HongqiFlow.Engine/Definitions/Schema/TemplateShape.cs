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
}
