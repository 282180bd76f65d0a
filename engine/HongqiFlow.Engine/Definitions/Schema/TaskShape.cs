using System.ComponentModel;

namespace HongqiFlow.Definitions.Schema;

[Description("个人任务：谁办理本环节、多人签署方式、可退回的环节、可否转办 / a personal task: who does the step, how several signers decide, where it may send the case back, whether it may be transferred")]
internal sealed class TaskShape
{
    [Description("可办理本环节的岗位（本环节所属部门在 organization.yaml 中声明的岗位）/ the position (of the step's department in organization.yaml) whose holders may do the step")]
    public string? Position { get; set; }

    [Description("只能由此人办理（人员编号，即令牌的 sub）/ only this person (the person id, the token's sub)")]
    public string? Person { get; set; }

    [Description("由办件数据中此键的值所指的人办理（如 handler）/ the person whose id is in this key of the case data (e.g. handler)")]
    public string? PersonFrom { get; set; }

    [Description("必须由办理该环节的同一人办理 / must be done by the person who did that step")]
    public string? SameAs { get; set; }

    [Description("不得由办理该环节的人办理（如 审核与承办不得为同一人）/ must not be done by the person who did that step (four-eyes rule)")]
    public string? NotSameAs { get; set; }

    [ShapeValues("single", "all", "any", "sequential", "vote")]
    [Description("签署方式：single 一人办理（默认），all 会签（全部同意），any 或签（一人决定），sequential 依次审批，vote 票签（按通过规则）/ signing: single (default), all (everyone agrees), any (the first decides), sequential (one after another), vote (a pass rule)")]
    public string? Signing { get; set; }

    [ShapeForm(ShapeForm.NameOrList)]
    [Description("签署人：每项一个岗位（该岗位任一人签一份）或 person:人员编号 / signers: one slot each, a position (any holder signs that slot) or person:ID")]
    public object? Signers { get; set; }

    [ShapeForm(ShapeForm.CountOrPercent)]
    [Description("票签通过规则：同意人数（如 2）或比例（如 67%）/ the vote's pass rule: a number of agreeing signers (2) or a share (67%)")]
    public object? Pass { get; set; }

    [Description("签署人表示同意的事件（默认 approve）/ the event a signer agrees with (default approve)")]
    public string? Approve { get; set; }

    [Description("签署人表示不同意的事件（默认 reject）；签署不通过时按该事件流转 / the event a signer refuses with (default reject); a refused signing fires its transition")]
    public string? Refuse { get; set; }

    [ShapeForm(ShapeForm.NameOrList)]
    [Description("可退回的环节：any（任一已办环节）或环节名列表 / where the step may send the case back: any (any earlier step) or a list of steps")]
    public object? Returns { get; set; }

    [Description("可转办到其他部门 / the task may be transferred to another department")]
    public bool? Transfer { get; set; }
}
