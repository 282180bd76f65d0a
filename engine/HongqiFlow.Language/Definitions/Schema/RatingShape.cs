using System.ComponentModel;

namespace HongqiFlow.Definitions.Schema;

[Description("好差评规则 / rating policy")]
internal sealed class RatingShape
{
    [ShapeForm(ShapeForm.Duration)]
    [Description("差评整改期限（默认 15wd）/ deadline to rectify a bad rating (default 15wd)")]
    public string? RectifyWithin { get; set; }

    [ShapeForm(ShapeForm.Duration)]
    [Description("办结后超过此期限未评价则默认评价 / a finished case unrated this long gets the default level")]
    public string? DefaultAfter { get; set; }

    [Description("默认评价等级 1–5（3 为基本满意）/ default level 1–5 (3 = 基本满意, fairly satisfied)")]
    public int? DefaultLevel { get; set; }
}
