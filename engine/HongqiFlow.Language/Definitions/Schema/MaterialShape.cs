using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

[Description("申请材料 / an application material")]
internal sealed class MaterialShape
{
    [Required]
    [Description("材料编号 / material id")]
    public string? Id { get; set; }

    [Required]
    [Description("材料名称 / material name")]
    public string? Name { get; set; }

    [Description("主要材料：不可容缺，受理时必须齐全 / core material: never tolerable, required to accept")]
    public bool? Core { get; set; }

    [Description("可容缺：受理时可暂缺，事后补齐 / tolerable: may be missing at acceptance and supplied later")]
    public bool? Tolerable { get; set; }

    [Description("可告知承诺：可用书面承诺代替 / committable: may be replaced by the applicant's written pledge")]
    public bool? Committable { get; set; }

    [Description("共享数据源编号，如 population.id-card：免提交，由系统调取 / data-source id, e.g. population.id-card: fetched, not submitted")]
    public string? Shared { get; set; }

    [Description("非必要材料，不计为缺件 / optional: never counted as missing")]
    public bool? Optional { get; set; }

    [ShapeForm(ShapeForm.NameOrList)]
    [Description("可用电子证照代替：接受的证照类型代码（GB/T 36904 结构，如 11100000000013338W009）/ e-certificates accepted instead of paper: certificate-type codes")]
    public object? Certificates { get; set; }

    [Description("备注 / note")]
    public string? Note { get; set; }
}
