using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HongqiFlow.Definitions.Schema;

/// <summary>
/// The YAML shape of a service-item file: the single source of the JSON Schema and of the reader's key checks.
/// Properties are nullable because every key may be absent in the document; required ones carry [Required].
/// </summary>
[Description("HongqiFlow 政务服务事项定义 / a HongqiFlow service item definition")]
internal sealed class ItemDocumentShape
{
    [Required]
    [Description("语言版本，目前为 1 / language version of this file, currently 1")]
    public int? Hongqiflow { get; set; }

    [Required]
    [Description("事项基本信息 / the catalog fields of the service item")]
    public ItemShape? Item { get; set; }

    [Description("申请材料清单 / the application materials")]
    public List<MaterialShape>? Materials { get; set; }

    [Description("容缺受理规则；缺省表示不允许容缺 / tolerance rule (accept with tolerable materials missing); absent means no tolerance")]
    public ToleranceShape? Tolerance { get; set; }

    [Description("告知承诺规则；缺省表示不适用告知承诺 / commitment rule (decide on the applicant's pledge, verify later); absent means no commitment")]
    public CommitmentShape? Commitment { get; set; }

    [Description("好差评规则 / rating (好差评) policy")]
    public RatingShape? Rating { get; set; }

    [Required]
    [Description("办理环节（状态），键为状态名 / the states of the process, keyed by state name")]
    public Dictionary<string, StateShape>? States { get; set; }

    [Description("可复用的分支流程，键为片段名 / reusable branch bodies, keyed by fragment name")]
    public Dictionary<string, FragmentShape>? Fragments { get; set; }

    [Description("事项自定义的后续义务，键为义务编号 / obligations declared by the item, keyed by obligation id")]
    public Dictionary<string, ObligationShape>? Obligations { get; set; }

    [Description("事项自有的通知模板，键为模板编号 / notification templates of the item, keyed by template id")]
    public Dictionary<string, TemplateShape>? Templates { get; set; }

    [Description("通知规则 / notification rules")]
    public List<NotificationShape>? Notify { get; set; }
}
