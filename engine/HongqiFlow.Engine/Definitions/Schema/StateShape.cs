using System.ComponentModel;

namespace HongqiFlow.Definitions.Schema;

[Description("办理环节（状态）/ a state of the process")]
internal sealed class StateShape
{
    [Description("显示名称，如 受理 / display name, e.g. 受理")]
    public string? Title { get; set; }

    [Description("初始状态（每个状态机恰有一个）/ the initial state (exactly one per state machine)")]
    public bool? Initial { get; set; }

    [Description("终止状态 / a final state")]
    public bool? Final { get; set; }

    [ShapeValues("approved", "rejected", "terminated", "revoked", "not-accepted", "withdrawn", "returned")]
    [Description("终止状态的办理结果 / the outcome of a final state")]
    public string? Outcome { get; set; }

    [ShapeValues("running", "not-started", "waiting-applicant", "special-procedure", "stopped")]
    [Description("本状态中办理时限的计时方式 / how the case clock behaves in this state: running, not-started (before acceptance), waiting-applicant (paused), special-procedure (paused), stopped")]
    public string? Clock { get; set; }

    [Description("clock 为 special-procedure 时对应的特别程序编号 / the special procedure this state stands for when clock is special-procedure")]
    public string? PausedFor { get; set; }

    [ShapeForm(ShapeForm.Duration)]
    [Description("环节时限 / step time limit, warned like the case limit")]
    public string? Limit { get; set; }

    [Description("承办部门（其待办列表）/ the department that holds this step in its worklist")]
    public string? Department { get; set; }

    [ShapeForm(ShapeForm.Transitions)]
    [Description("事件 → 流转；值可为目标状态、完整流转或流转列表（首个条件成立者生效）/ event → transition: a target state, a full transition, or a list of them (the first whose guard holds wins)")]
    public object? On { get; set; }

    [ShapeForm(ShapeForm.Timers)]
    [Description("定时流转：时长 → 目标状态，进入状态时开始计时 / timers: duration → target state, armed when the state is entered")]
    public object? After { get; set; }

    [Description("并联审批：各分支并行办理，按汇合规则汇合 / parallel approval: branches run side by side and are joined by a policy")]
    public ParallelShape? Parallel { get; set; }

    [Description("并联审批汇合后进入的状态 / where a parallel state goes when its join is satisfied")]
    public string? OnDone { get; set; }

    [ShapeForm(ShapeForm.NameOrList)]
    [Description("进入状态时开启的义务 / obligations opened when the state is entered")]
    public object? Opens { get; set; }

    [ShapeForm(ShapeForm.NameOrList)]
    [Description("进入状态时调取的共享数据源 / data sources fetched when the state is entered")]
    public object? Fetch { get; set; }

    [Description("个人任务：岗位、人员、会签/或签/依次/票签、退回、转办 / a personal task: position, person, signing, returns, transfer")]
    public TaskShape? Task { get; set; }
}
