using System.ComponentModel;

namespace HongqiFlow.Definitions.Schema;

[Description("流转：收到事件时，若角色允许且条件成立，则进入目标状态 / a transition: on the event, go to the target if the role is allowed and the guard holds")]
internal sealed class TransitionShape
{
    [Description("目标状态；缺省为内部流转（记录事件，不离开状态）/ target state; absent for an internal transition that records the event and stays")]
    public string? To { get; set; }

    [ShapeForm(ShapeForm.NameOrList)]
    [Description("可触发的角色：window、applicant、system、supervisor、lead、department、department:ID / roles allowed to fire the event")]
    public object? By { get; set; }

    [ShapeForm(ShapeForm.Guard)]
    [Description("条件：JavaScript 表达式，或 { js: ... } / { csharp: ... } / guard: a JavaScript expression, or { js: ... } / { csharp: ... }")]
    public object? When { get; set; }

    [Description("容缺受理：开启补齐材料义务 / accept with tolerance: opens the supplement obligation")]
    public bool? Tolerance { get; set; }

    [Description("告知承诺：开启事后核查义务 / decide on the pledge: opens the verification obligation")]
    public bool? Commitment { get; set; }

    [ShapeValues("none", "one-time", "correction")]
    [Description("告知类型：one-time 一次性告知，correction 补正告知 / notice kind: one-time (list every missing material) or correction")]
    public string? Notice { get; set; }

    [ShapeForm(ShapeForm.NameOrList)]
    [Description("本流转开启的义务 / obligations this transition opens")]
    public object? Opens { get; set; }

    [ShapeForm(ShapeForm.NameOrList)]
    [Description("本流转履行的义务 / obligations this transition fulfils")]
    public object? Fulfils { get; set; }

    [Description("显示名称 / display name")]
    public string? Title { get; set; }
}
