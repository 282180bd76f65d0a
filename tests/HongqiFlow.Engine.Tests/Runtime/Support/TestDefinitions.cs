using HongqiFlow.Definitions.Model;
using HongqiFlow.Diagnostics;
using HongqiFlow.Runtime;
using HongqiFlow.Time;

namespace HongqiFlow.Tests.Runtime.Support;

/// <summary>
/// definitions/enterprise-establishment.yaml and organization.yaml written as model records, so the runtime can be
/// tested on its own; <see cref="Compile"/> gives the compiled definition on the test calendar.
/// </summary>
internal static class TestDefinitions
{
    public const string File = "definitions/enterprise-establishment.yaml";

    public static readonly ExpressionSource NothingMissing = Guard("missing.length === 0", 42, 64, "/states/received/on/accept/when");

    public static readonly ExpressionSource NoOpenSupplement = Guard("!obligations.open('supplement')", 70, 50, "/states/issuing/on/issue/when");

    public static ExpressionSource Guard(string code, int line, int column, string path) => new()
    {
        Language = GuardLanguage.JavaScript,
        Code = code,
        ContentLine = line,
        ContentColumn = column + 1,
        At = new SourceLocation(File, line, column, path),
    };

    public static TransitionDefinition On(string @event, string? to, params string[] by) => new() { Event = @event, Target = to, By = by };

    public static StateDefinition State(string name, params TransitionDefinition[] on) => new() { Name = name, Transitions = on };

    public static StateDefinition Final(string name, string outcome) => new() { Name = name, Final = true, Outcome = outcome };

    public static ServiceItemDefinition Enterprise() => new()
    {
        SourceFile = File,
        Item = new ItemHeader
        {
            Code = "QYKB-0001",
            Name = "企业开办",
            Version = 1,
            Kind = ItemKind.Promised,
            Lead = "market-regulation",
            Calendar = "cn-mainland",
            Result = "营业执照、发票及税控设备、社保登记",
            TimeLimit = new TimeLimit { Statutory = Duration.WorkingDays(8.5m), Promised = Duration.WorkingDays(0.5m), WarnAt = 0.75m, RequireWorkingDays = true },
            SpecialProcedures = new[] { new SpecialProcedure { Id = "name-verification", Name = "企业名称争议核查", Max = Duration.WorkingDays(5) } },
        },
        Materials = new[]
        {
            new MaterialDefinition { Id = "application", Name = "企业开办一表申请书", Core = true },
            new MaterialDefinition { Id = "articles", Name = "公司章程", Core = true },
            new MaterialDefinition { Id = "premises", Name = "住所（经营场所）使用证明", Tolerable = true, Committable = true },
            new MaterialDefinition { Id = "shareholder-resolution", Name = "股东会决议", Tolerable = true },
            new MaterialDefinition { Id = "legal-rep-id", Name = "法定代表人身份证件", Shared = "population.id-card" },
        },
        Tolerance = new ToleranceRule { MaxMissing = 1, SupplementWithin = Duration.WorkingDays(5), OnBreach = "terminated" },
        Commitment = new CommitmentRule { VerifyWithin = Duration.WorkingDays(20), OnFalse = "revoked" },
        States = new[]
        {
            new StateDefinition
            {
                Name = "received", Title = "收件", Initial = true,
                Transitions = new[]
                {
                    new TransitionDefinition { Event = "accept", Target = "approval", By = new[] { "window" }, When = NothingMissing },
                    new TransitionDefinition { Event = "accept-tolerated", Target = "approval", By = new[] { "window" }, Tolerance = true },
                    new TransitionDefinition { Event = "accept-committed", Target = "approval", By = new[] { "window" }, Commitment = true },
                    new TransitionDefinition { Event = "notify-missing", Target = "correcting", By = new[] { "window" }, Notice = NoticeKind.OneTime },
                    new TransitionDefinition { Event = "withdraw", Target = "withdrawn", By = new[] { "applicant", "window" } },
                },
            },
            new StateDefinition
            {
                Name = "correcting", Title = "补正材料（受理前）", Clock = ClockMode.NotStarted,
                Transitions = new[] { new TransitionDefinition { Event = "resubmit", Target = "received", By = new[] { "applicant", "window" } } },
                Timers = new[] { new TimerDefinition { After = Duration.Days(30), Target = "not-accepted" } },
            },
            new StateDefinition
            {
                Name = "approval", Title = "并联审批",
                Parallel = new ParallelDefinition
                {
                    Join = new JoinPolicy { Kind = JoinKind.All },
                    OnReject = new RefusalPolicy { Kind = RefusalKind.End, Target = "rejected" },
                    Branches = new[]
                    {
                        new BranchDefinition { Name = "market", Department = "market-regulation", Title = "营业执照", Limit = Duration.WorkingHours(3), Use = "review" },
                        new BranchDefinition { Name = "tax", Department = "tax", Title = "发票与税控", Limit = Duration.WorkingHours(3), Use = "review", OnTimeout = BranchTimeout.Approve },
                        new BranchDefinition { Name = "social", Department = "hr-social-security", Title = "社保登记", Limit = Duration.WorkingHours(3), Use = "review" },
                    },
                },
                OnDone = "issuing",
            },
            new StateDefinition
            {
                Name = "issuing", Title = "出证", Department = "government-service",
                Transitions = new[] { new TransitionDefinition { Event = "issue", Target = "issued", By = new[] { "window" }, When = NoOpenSupplement } },
            },
            new StateDefinition { Name = "issued", Title = "已办结", Final = true, Outcome = "approved" },
            new StateDefinition { Name = "rejected", Title = "不予许可", Final = true, Outcome = "rejected" },
            new StateDefinition { Name = "terminated", Title = "终止", Final = true, Outcome = "terminated" },
            new StateDefinition { Name = "revoked", Title = "撤销", Final = true, Outcome = "revoked" },
            new StateDefinition { Name = "withdrawn", Title = "撤回", Final = true, Outcome = "withdrawn" },
            new StateDefinition { Name = "not-accepted", Title = "不予受理", Final = true, Outcome = "not-accepted" },
        },
        Fragments = new[]
        {
            new FragmentDefinition
            {
                Name = "review",
                States = new[]
                {
                    new StateDefinition { Name = "reviewing", Title = "审查", Initial = true, Transitions = new[] { On("approve", "approved"), On("reject", "rejected") } },
                    new StateDefinition { Name = "approved", Title = "同意", Final = true, Outcome = "approved" },
                    new StateDefinition { Name = "rejected", Title = "不同意", Final = true, Outcome = "rejected" },
                },
            },
        },
        Notify = new[]
        {
            new NotificationRule { Kind = NotificationTriggerKind.EnterState, Subject = "correcting", To = "applicant", Template = "one-time-notice", Channel = "sms" },
            new NotificationRule { Kind = NotificationTriggerKind.Event, Subject = "accept-tolerated", To = "applicant", Template = "tolerance-notice", Channel = "sms" },
            new NotificationRule { Kind = NotificationTriggerKind.EnterState, Subject = "issued", To = "applicant", Template = "decision", Channel = "sms" },
            new NotificationRule { Kind = NotificationTriggerKind.Warning, Subject = "red", To = "lead", Template = "warning" },
        },
    };

    public static OrganizationDirectory Organization() => new()
    {
        Departments = new[]
        {
            new DepartmentDefinition { Id = "government-service", Name = "政务服务管理局" },
            new DepartmentDefinition { Id = "market-regulation", Name = "市场监督管理局" },
            new DepartmentDefinition { Id = "tax", Name = "税务局" },
            new DepartmentDefinition { Id = "hr-social-security", Name = "人力资源和社会保障局" },
        },
        DataSources = new[] { new DataSourceDefinition { Id = "population.id-card", Name = "人口库·居民身份证", Owner = "public-security" } },
        Templates = new[]
        {
            new TemplateDefinition { Id = "one-time-notice", Title = "一次性告知书", Body = "{{applicant.name}}：您申请的“{{item.name}}”（受理编号 {{case.receipt}}）尚缺以下材料：{{missing}}。请一次补齐后再次提交。" },
            new TemplateDefinition { Id = "tolerance-notice", Title = "容缺受理通知书", Body = "{{applicant.name}}：您申请的“{{item.name}}”已容缺受理，请于 {{obligation.due}} 前补齐：{{tolerated}}。逾期未补齐的，办件将终止。" },
            new TemplateDefinition { Id = "decision", Title = "办理结果通知", Body = "{{applicant.name}}：您申请的“{{item.name}}”已办结，结果：{{case.outcome}}。" },
            new TemplateDefinition { Id = "warning", Title = "超时预警", Body = "办件 {{case.receipt}}（{{item.name}}）已{{warning.level}}预警，剩余 {{clock.remaining}}。" },
        },
    };

    public static CompiledDefinition Compile(ServiceItemDefinition? definition = null, IWorkingCalendar? calendar = null) =>
        CompiledDefinition.Compile(definition ?? Enterprise(), calendar ?? new TestCalendar(), new TestGuards(), Organization());

    /// <summary>The enterprise item with its parallel state changed (join, refusal, branches).</summary>
    public static ServiceItemDefinition WithParallel(Func<ParallelDefinition, ParallelDefinition> change)
    {
        var d = Enterprise();
        var states = d.States.Select(s => s.Parallel is { } p ? s with { Parallel = change(p) } : s).ToArray();
        return d with { States = states };
    }

    public static ServiceItemDefinition WithState(string name, Func<StateDefinition, StateDefinition> change)
    {
        var d = Enterprise();
        return d with { States = d.States.Select(s => s.Name == name ? change(s) : s).ToArray() };
    }
}
