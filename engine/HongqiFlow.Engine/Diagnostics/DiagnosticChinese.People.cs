namespace HongqiFlow.Diagnostics;

/// <summary>The texts of personal tasks (<c>task:</c>, positions, signing, returns): HQ2080–HQ2086 and the reader's.</summary>
public static partial class DiagnosticChinese
{
    private static readonly Dictionary<string, string> PeopleFormats = new(StringComparer.Ordinal)
    {
        ["the position '{0}'"] = "岗位“{0}”",
        ["the person '{0}'"] = "人员“{0}”",
        ["the event '{0}' has the name of a task operation; an item with personal tasks cannot declare it"] = "事件“{0}”与任务操作同名；使用个人任务的事项不能声明该事件",
        ["rename the event, e.g. '{0}-step'"] = "请改名，例如“{0}-step”",
        ["state '{0}' has a task but no department; a task belongs to a department's people"] = "状态“{0}”有个人任务但没有所属部门；任务属于某个部门的人员",
        ["add 'department: <department id>' to the state"] = "请在状态上写 department: <部门编号>",
        ["the task of state '{0}' names nobody: write position, person, personFrom, sameAs or signers"] = "状态“{0}”的任务没有指明办理人：请写 position、person、personFrom、sameAs 或 signers",
        ["add e.g. 'position: handler'"] = "例如写 position: handler",
        ["'{0}: {1}' on state '{2}' names no step with a task in {3}"] = "状态“{2}”的“{0}: {1}”所指的不是{3}中有个人任务的环节",
        ["name a state of {0} that has 'task:'"] = "请写{0}中带 task: 的状态",
        ["'returns' of state '{0}' names '{1}', which is not another state of {2}"] = "状态“{0}”的 returns 写了“{1}”，它不是{2}中的其他状态",
        ["name an earlier state of {0}, or write 'returns: any'"] = "请写{0}中之前的状态，或写 returns: any",
        ["the task of state '{0}' lists signers or a pass rule but no signing mode"] = "状态“{0}”的任务列出了签署人或通过规则，但没有签署方式",
        ["add 'signing: all', 'any', 'sequential' or 'vote'"] = "请写 signing: all（会签）、any（或签）、sequential（依次审批）或 vote（票签）",
        ["the task of state '{0}' signs by several people but lists no signers"] = "状态“{0}”的任务由多人签署，但没有列出签署人",
        ["add e.g. 'signers: [office-a, office-b, office-c]'"] = "例如写 signers: [office-a, office-b, office-c]",
        ["the vote of state '{0}' has no pass rule"] = "状态“{0}”的票签没有通过规则",
        ["add e.g. 'pass: 2' or 'pass: 67%'"] = "例如写 pass: 2 或 pass: 67%",
        ["the vote of state '{0}' needs {1} agreeing signers but has only {2}"] = "状态“{0}”的票签需要 {1} 人同意，但只有 {2} 名签署人",
        ["lower 'pass' or add signers"] = "请降低 pass 或增加签署人",
        ["'pass' on state '{0}' applies to 'signing: vote' only"] = "状态“{0}”的 pass 只适用于 signing: vote（票签）",
        ["remove 'pass'"] = "请删除 pass",
        ["the signers of state '{0}' {1} with the event '{2}', which the state does not declare"] = "状态“{0}”的签署人以事件“{2}”表示 {1}，但该状态没有声明此事件",
        ["declare '{0}' under 'on:', or name the event with '{1}:'"] = "请在 on: 下声明“{0}”，或用“{1}:”指定事件",
        ["state '{0}' names the position '{1}', which department '{2}' does not declare"] = "状态“{0}”写了岗位“{1}”，但部门“{2}”没有声明该岗位",
        ["declare it under the department's 'positions:' in organization.yaml, or use one of: {0}"] = "请在 organization.yaml 该部门的 positions: 下声明，或使用：{0}",
        ["state '{0}' names the person '{1}', who is not among the people of department '{2}'"] = "状态“{0}”写了人员“{1}”，但其不在部门“{2}”的人员中",
        ["list the person under the department's 'people:' in organization.yaml"] = "请在 organization.yaml 该部门的 people: 下列出此人",
        ["'signing' must be single, all, any, sequential or vote, not '{0}'"] = "signing 只能是 single、all、any、sequential 或 vote，不能是“{0}”",
        ["'signing' must be single, all, any, sequential or vote, not '{0}'; did you mean '{1}'?"] = "signing 只能是 single、all、any、sequential 或 vote，不能是“{0}”；是否应为“{1}”？",
        ["all 会签, any 或签, sequential 依次审批, vote 票签"] = "all 会签，any 或签，sequential 依次审批，vote 票签",
        ["'pass' must be a number of signers (2) or a share (67%), not '{0}'"] = "pass 必须是同意人数（如 2）或比例（如 67%），不能是“{0}”",
        ["write e.g. pass: 2 or pass: 67%"] = "例如写 pass: 2 或 pass: 67%",
    };
}
