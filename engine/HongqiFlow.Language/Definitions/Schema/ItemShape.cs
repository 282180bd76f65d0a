using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("事项基本信息 / the catalog fields of the service item")]
internal sealed class ItemShape
{
    [Required]
    [Description("事项编码（基本编码/实施编码），如 QYKB-0001 / item code, e.g. QYKB-0001")]
    public string? Code { get; set; }

    [Required]
    [Description("事项名称 / item name, e.g. 企业开办")]
    public string? Name { get; set; }

    [Description("定义版本号，发布后不可修改 / definition version; a published version never changes")]
    public int? Version { get; set; }

    [ShapeValues("promised", "instant")]
    [Description("办件类型：promised 承诺件，instant 即办件 / kind: promised (finished within the promised limit) or instant (on the spot)")]
    public string? Kind { get; set; }

    [Required]
    [Description("牵头部门（组织目录中的部门编号）/ lead department, an id from organization.yaml")]
    public string? Lead { get; set; }

    [Description("工作日历编号（definitions/calendars 下的文件名）/ working calendar id, a file under definitions/calendars")]
    public string? Calendar { get; set; }

    [Description("办理结果，如营业执照 / the result delivered, e.g. a business licence")]
    public string? Result { get; set; }

    [Description("事项说明 / description of the item")]
    public string? Description { get; set; }

    [Description("办理时限 / time limits counted from acceptance")]
    public TimeLimitShape? TimeLimit { get; set; }

    [Description("特别程序：期间不计入办理时限 / special procedures, whose time is not counted in the limit")]
    public List<SpecialProcedureShape>? SpecialProcedures { get; set; }
}
