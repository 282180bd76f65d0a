using HongqiFlow.Definitions.Model;
using HongqiFlow.Definitions.Validation;
using HongqiFlow.Time;

namespace HongqiFlow.Tests.Validation;

/// <summary>企业开办 built by hand, so the rules are tested without the reader; tests change one thing with <c>with</c>.</summary>
internal static class EnterpriseModel
{
    public static OrganizationDirectory Organization { get; } = new()
    {
        Departments = new DepartmentDefinition[]
        {
            new() { Id = "government-service", Name = "政务服务管理局" },
            new() { Id = "market-regulation", Name = "市场监督管理局" },
            new() { Id = "tax", Name = "税务局" },
            new() { Id = "hr-social-security", Name = "人力资源和社会保障局" },
        },
        DataSources = new DataSourceDefinition[] { new() { Id = "population.id-card", Name = "人口库·居民身份证" } },
        Templates = new TemplateDefinition[]
        {
            new() { Id = "one-time-notice", Title = "一次性告知书", Body = "…" },
            new() { Id = "decision", Title = "办理结果通知", Body = "…" },
        },
    };

    public static ValidationContext Context { get; } = new()
    {
        Organization = Organization,
        CalendarIds = ["cn-mainland"],
    };

    public static StateDefinition State(string name, params TransitionDefinition[] transitions) =>
        new() { Name = name, Transitions = transitions };

    public static StateDefinition Final(string name, string outcome) => new() { Name = name, Final = true, Outcome = outcome };

    public static TransitionDefinition On(string @event, string? to, params string[] by) =>
        new() { Event = @event, Target = to, By = by };

    public static FragmentDefinition Review { get; } = new()
    {
        Name = "review",
        States = new[]
        {
            State("reviewing", On("approve", "approved"), On("reject", "rejected")) with { Initial = true },
            Final("approved", "approved"),
            Final("rejected", "rejected"),
        },
    };

    public static BranchDefinition Branch(string name, string department) =>
        new() { Name = name, Department = department, Limit = Duration.WorkingHours(3), Use = "review" };

    public static StateDefinition Approval { get; } = new()
    {
        Name = "approval",
        Parallel = new ParallelDefinition
        {
            OnReject = new RefusalPolicy { Target = "rejected" },
            Branches = new[] { Branch("market", "market-regulation"), Branch("tax", "tax"), Branch("social", "hr-social-security") },
        },
        OnDone = "issuing",
    };

    public static ServiceItemDefinition Item { get; } = new()
    {
        Item = new ItemHeader
        {
            Code = "QYKB-0001",
            Name = "企业开办",
            Lead = "market-regulation",
            TimeLimit = new TimeLimit { Statutory = Duration.WorkingDays(8.5m), Promised = Duration.WorkingDays(0.5m), RequireWorkingDays = true },
        },
        Materials = new MaterialDefinition[]
        {
            new() { Id = "application", Name = "企业开办一表申请书", Core = true },
            new() { Id = "premises", Name = "住所使用证明", Tolerable = true, Committable = true },
            new() { Id = "legal-rep-id", Name = "法定代表人身份证件", Shared = "population.id-card" },
        },
        Tolerance = new ToleranceRule { MaxMissing = 1, SupplementWithin = Duration.WorkingDays(0.5m), OnBreach = "terminated" },
        Commitment = new CommitmentRule { VerifyWithin = Duration.WorkingDays(20), OnFalse = "revoked" },
        States = new[]
        {
            State(
                "received",
                On("accept", "approval", "window") with { When = Js("missing.length === 0") },
                On("accept-tolerated", "approval", "window") with { Tolerance = true },
                On("accept-committed", "approval", "window") with { Commitment = true },
                On("notify-missing", "correcting", "window"),
                On("withdraw", "withdrawn", "applicant", "window")) with { Initial = true },
            State("correcting", On("resubmit", "received", "applicant")) with
            {
                Clock = ClockMode.NotStarted,
                Timers = new[] { new TimerDefinition { After = Duration.Days(30), Target = "not-accepted" } },
            },
            Approval,
            State("issuing", On("issue", "issued", "window") with { When = Js("!obligations.open('supplement')") }) with { Department = "government-service" },
            Final("issued", "approved"),
            Final("rejected", "rejected"),
            Final("terminated", "terminated"),
            Final("revoked", "revoked"),
            Final("withdrawn", "withdrawn"),
            Final("not-accepted", "not-accepted"),
        },
        Fragments = new[] { Review },
        Notify = new NotificationRule[]
        {
            new() { Kind = NotificationTriggerKind.EnterState, Subject = "correcting", To = "applicant", Template = "one-time-notice" },
            new() { Kind = NotificationTriggerKind.EnterState, Subject = "issued", To = "applicant", Template = "decision" },
            new() { Kind = NotificationTriggerKind.Warning, Subject = "red", To = "lead", Template = "decision" },
        },
    };

    public static ExpressionSource Js(string code, int line = 0, int column = 0) =>
        new() { Language = GuardLanguage.JavaScript, Code = code, ContentLine = line, ContentColumn = column };

    /// <summary>The item with one top-level state replaced.</summary>
    public static ServiceItemDefinition WithState(StateDefinition state) =>
        Item with { States = Item.States.Select(s => s.Name == state.Name ? state : s).ToArray() };

    public static IReadOnlyList<string> Codes(ServiceItemDefinition item, ValidationContext? context = null) =>
        new DefinitionValidator().Validate(item, context ?? Context).Select(d => d.Code).ToList();
}
