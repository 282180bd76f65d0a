using System.ComponentModel;

namespace HongqiFlow.Definitions.Schema;

[Description("好差评规则 / rating policy")]
internal sealed class RatingShape
{
    [ShapeValues("matter", "service")]
    [Description("matter：一事一评（办结后评价一次，默认）；service：一次一评（受理、办结各评价一次）/ one rating per case, or one per service")]
    public string? Per { get; set; }

    [ShapeForm(ShapeForm.NameOrList)]
    [Description("评价渠道：window, online, app, kiosk, sms, hotline（默认全部）/ rating channels (default: all)")]
    public object? Channels { get; set; }

    [Description("差评类别；声明后差评须选择其一 / bad-rating categories; once declared, a bad rating names one")]
    public List<RatingCategoryShape>? Categories { get; set; }

    [ShapeValues("required", "optional")]
    [Description("差评核实：required 须先核实再登记整改（默认 optional）/ whether a bad rating is verified before its rectification")]
    public string? Verification { get; set; }

    [ShapeForm(ShapeForm.Duration)]
    [Description("差评整改期限（默认 15wd）/ deadline to rectify a bad rating (default 15wd)")]
    public string? RectifyWithin { get; set; }

    [ShapeForm(ShapeForm.Duration)]
    [Description("办结后超过此期限未评价则默认评价 / a finished case unrated this long gets the default level")]
    public string? DefaultAfter { get; set; }

    [Description("默认评价等级 1–5（3 为基本满意）/ default level 1–5 (3 = 基本满意, fairly satisfied)")]
    public int? DefaultLevel { get; set; }
}
